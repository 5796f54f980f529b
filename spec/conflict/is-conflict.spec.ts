// First: it loads Angular's JIT compiler, which Angular's packages need before they load.
import '@angular/compiler';
import { HttpErrorResponse } from '@angular/common/http';
import { ApiException } from '@kubernetes/client-node';
import { AxiosError, AxiosHeaders, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import { HTTPError, type NormalizedOptions } from 'ky';
import { AjaxError, type AjaxRequest } from 'rxjs/ajax';
import { isConflict } from '../../src/conflict/is-conflict.js';

/** A Kubernetes `metav1.Status` failure as the API server sends it. */
function kubernetesStatus(code: number, reason: string): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: reason, reason, code };
}

const URL = 'http://127.0.0.1:8080/db/counter';

/** A CouchDB-style JSON body, as the test servers send. */
const couchBody = (status: number) => ({ error: status === 409 ? 'conflict' : 'failure' });

/**
 * The error objects each client makes from a failed response, built here as the client builds them
 * (its own constructor, the fields it fills), with no server. is-conflict.io.spec.ts has each client
 * make them from real responses of a loopback server.
 */
describe('isConflict', () => {
  describe('with the HttpErrorResponse of Angular HttpClient', () => {
    const httpError = (status: number, error: unknown = couchBody(status)) =>
      new HttpErrorResponse({ status, statusText: String(status), url: URL, error });

    it('should recognise an HttpErrorResponse with status 409', () => {
      expect(isConflict(httpError(409))).toBeTrue();
    });

    it('should not recognise an HttpErrorResponse with status 404, 412 or 500', () => {
      for (const status of [404, 412, 500]) {
        expect(isConflict(httpError(status)))
          .withContext(`status ${status}`)
          .toBeFalse();
      }
    });

    it('should judge an HttpErrorResponse carrying a Kubernetes Status (error) by its reason', () => {
      expect(isConflict(httpError(409, kubernetesStatus(409, 'Conflict')))).toBeTrue();
      expect(isConflict(httpError(409, kubernetesStatus(409, 'AlreadyExists')))).toBeFalse();
      expect(isConflict(httpError(500, kubernetesStatus(500, 'Conflict')))).toBeTrue();
    });

    it('should not recognise the HttpErrorResponse of a refused connection (status 0)', () => {
      const refused = new HttpErrorResponse({ status: 0, url: URL, error: new TypeError('fetch failed') });
      expect(refused.status).toBe(0);
      expect(isConflict(refused)).toBeFalse();
    });
  });

  describe('with the AjaxError of RxJS ajax', () => {
    const ajaxError = (status: number, response: unknown = couchBody(status)) =>
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- RxJS marks its constructor internal; built as ajax builds it, without a server
      new AjaxError(
        `ajax error ${status}`,
        { status, responseType: 'json', response } as unknown as XMLHttpRequest,
        { url: URL, method: 'GET' } as AjaxRequest,
      );

    it('should recognise an AjaxError with status 409', () => {
      const error = ajaxError(409);
      expect(error.status).toBe(409);
      expect(isConflict(error)).toBeTrue();
    });

    it('should not recognise an AjaxError with status 400 or 503', () => {
      for (const status of [400, 503]) {
        expect(isConflict(ajaxError(status)))
          .withContext(`status ${status}`)
          .toBeFalse();
      }
    });

    it('should judge an AjaxError carrying a Kubernetes Status (response) by its reason', () => {
      expect(isConflict(ajaxError(409, kubernetesStatus(409, 'Conflict')))).toBeTrue();
      expect(isConflict(ajaxError(409, kubernetesStatus(409, 'AlreadyExists')))).toBeFalse();
    });
  });

  describe('with the Response of fetch and fromFetch', () => {
    const response = (status: number) => new Response(JSON.stringify(couchBody(status)), { status });

    it('should recognise a thrown Response with status 409', () => {
      expect(isConflict(response(409))).toBeTrue();
    });

    it('should recognise an Error whose cause is the 409 Response', () => {
      expect(isConflict(new Error('update failed', { cause: response(409) }))).toBeTrue();
    });

    it('should recognise an error carrying the 409 Response as its response', () => {
      expect(isConflict(Object.assign(new Error('HTTP 409'), { response: response(409) }))).toBeTrue();
    });

    it('should not recognise a successful Response or a 500 Response', () => {
      for (const status of [200, 500]) {
        expect(isConflict(response(status)))
          .withContext(`status ${status}`)
          .toBeFalse();
      }
    });

    it('should not recognise the TypeError fetch rejects with when the connection is refused', () => {
      const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
      expect(isConflict(new TypeError('fetch failed', { cause }))).toBeFalse();
    });
  });

  describe('with the AxiosError of axios', () => {
    /** What axios's `settle` rejects with for a status outside 2xx. */
    function axiosError(status: number, data: unknown = couchBody(status)): AxiosError {
      const config = { url: URL, method: 'get', headers: new AxiosHeaders() } as InternalAxiosRequestConfig;
      const response: AxiosResponse = {
        status,
        statusText: String(status),
        data,
        headers: {},
        config,
        request: {},
      };
      return new AxiosError(
        `Request failed with status code ${status}`,
        status < 500 ? AxiosError.ERR_BAD_REQUEST : AxiosError.ERR_BAD_RESPONSE,
        config,
        response.request,
        response,
      );
    }

    it('should recognise an AxiosError whose response has status 409', () => {
      expect(isConflict(axiosError(409))).toBeTrue();
    });

    it('should not recognise an AxiosError with status 422 or 500', () => {
      for (const status of [422, 500]) {
        expect(isConflict(axiosError(status)))
          .withContext(`status ${status}`)
          .toBeFalse();
      }
    });

    it('should judge an AxiosError carrying a Kubernetes Status (response.data) by its reason', () => {
      expect(isConflict(axiosError(409, kubernetesStatus(409, 'Conflict')))).toBeTrue();
      const alreadyExists = axiosError(409, kubernetesStatus(409, 'AlreadyExists'));
      expect(alreadyExists.response?.status).toBe(409);
      expect(isConflict(alreadyExists)).toBeFalse();
    });
  });

  describe('with the HTTPError of ky', () => {
    const httpError = (status: number) =>
      new HTTPError(
        new Response(JSON.stringify(couchBody(status)), { status, statusText: String(status) }),
        new Request(URL),
        { method: 'GET', retry: {} } as unknown as NormalizedOptions,
      );

    it('should recognise an HTTPError whose response has status 409', () => {
      expect(isConflict(httpError(409))).toBeTrue();
    });

    it('should not recognise an HTTPError with status 500', () => {
      expect(isConflict(httpError(500))).toBeFalse();
    });
  });

  describe('with the ApiException of @kubernetes/client-node', () => {
    /** What the generated API throws for a status it has no handler for: the body as text. */
    const apiException = (code: number, body: string) =>
      new ApiException<string>(code, 'Unknown API Status Code!', body, {
        'content-type': 'application/json',
      });

    it('should recognise the ApiException of an update with a stale resourceVersion (code 409, Conflict)', () => {
      expect(isConflict(apiException(409, JSON.stringify(kubernetesStatus(409, 'Conflict'))))).toBeTrue();
    });

    it('should not recognise the ApiException of a create whose name is taken (code 409, AlreadyExists)', () => {
      expect(
        isConflict(apiException(409, JSON.stringify(kubernetesStatus(409, 'AlreadyExists')))),
      ).toBeFalse();
    });

    it('should not recognise the ApiException of a read that finds nothing (code 404, NotFound)', () => {
      expect(isConflict(apiException(404, JSON.stringify(kubernetesStatus(404, 'NotFound'))))).toBeFalse();
    });

    it('should recognise an ApiException with code 409 whose body is no Status', () => {
      expect(isConflict(apiException(409, 'plain text'))).toBeTrue();
      expect(isConflict(apiException(500, 'plain text'))).toBeFalse();
    });
  });

  describe('with a Kubernetes Status, as apimachinery errors.IsConflict judges it', () => {
    it('should recognise reason Conflict, as an object or as a JSON string body', () => {
      const status = kubernetesStatus(409, 'Conflict');
      expect(isConflict(status)).toBeTrue();
      expect(isConflict({ code: 409, body: status })).toBeTrue();
      expect(isConflict({ code: 409, body: JSON.stringify(status) })).toBeTrue();
      expect(isConflict({ code: 409, body: `  \n${JSON.stringify(status)}` })).toBeTrue();
    });

    it('should go by the reason, not the code, when the reason is a known one', () => {
      expect(isConflict(kubernetesStatus(500, 'Conflict'))).toBeTrue();
      for (const reason of ['AlreadyExists', 'Invalid', 'NotFound', 'Gone', 'InternalError']) {
        expect(isConflict(kubernetesStatus(409, reason)))
          .withContext(reason)
          .toBeFalse();
      }
    });

    it('should recognise code 409 with an unknown or empty reason', () => {
      expect(isConflict(kubernetesStatus(409, ''))).toBeTrue();
      expect(isConflict(kubernetesStatus(409, 'SomethingNew'))).toBeTrue();
      expect(isConflict({ kind: 'Status', code: 409 })).toBeTrue();
      expect(isConflict(kubernetesStatus(500, 'SomethingNew'))).toBeFalse();
    });

    it('should not parse a body that is not JSON, or not an object', () => {
      expect(isConflict({ code: 500, body: '{"kind":"Status","reason":"Conflict"' })).toBeFalse();
      expect(isConflict({ code: 500, body: '"Conflict"' })).toBeFalse();
    });
  });

  describe('with values that are no conflict', () => {
    it('should return false for null, undefined and primitives', () => {
      for (const value of [null, undefined, 409, '409', 'Conflict', true, 409n, Symbol('409'), NaN]) {
        expect(isConflict(value)).withContext(String(value)).toBeFalse();
      }
    });

    it('should return false for a 409 that says it is a success (ok: true)', () => {
      expect(isConflict({ status: 409, ok: true })).toBeFalse();
      expect(isConflict({ response: { status: 409, ok: true } })).toBeFalse();
    });

    it('should return false for plain errors and objects without a status', () => {
      expect(isConflict(new Error('409 Conflict'))).toBeFalse();
      expect(isConflict({})).toBeFalse();
      expect(isConflict([409])).toBeFalse();
      expect(isConflict(() => 409)).toBeFalse();
      expect(isConflict({ status: '409' })).toBeFalse();
    });

    it('should return false, not throw, for objects whose getters or proxy traps throw', () => {
      const throwingGetter = Object.defineProperty({}, 'status', {
        get() {
          throw new Error('getter failed');
        },
      });
      const throwingProxy = new Proxy(
        {},
        {
          get() {
            throw new Error('get trap failed');
          },
          has() {
            throw new Error('has trap failed');
          },
        },
      );
      const { proxy: revokedProxy, revoke } = Proxy.revocable({ status: 409 }, {});
      revoke();
      for (const value of [throwingGetter, throwingProxy, revokedProxy]) {
        expect(() => isConflict(value)).not.toThrow();
        expect(isConflict(value)).toBeFalse();
      }
    });

    it('should return false, not loop, for a cause chain that is a cycle', () => {
      const first: { cause?: unknown } = {};
      const second = { cause: first };
      first.cause = second;
      expect(isConflict(first)).toBeFalse();
    });

    it('should follow response and cause four links deep, and no further', () => {
      const wrapped = (error: unknown, links: number): unknown =>
        links === 0 ? error : wrapped(new Error('wrapper', { cause: error }), links - 1);
      expect(isConflict(wrapped({ status: 409 }, 4))).toBeTrue();
      expect(isConflict(wrapped({ status: 409 }, 5))).toBeFalse();
    });
  });
});

describe('isConflict, by the shape of the error', () => {
  const conflicts: [string, unknown][] = [
    ['an error response with status 409 (HttpErrorResponse, AjaxError)', { status: 409, ok: false }],
    ['an error whose response has status 409 (axios, ky)', { message: 'x', response: { status: 409 } }],
    ['a Kubernetes Status with reason Conflict', kubernetesStatus(409, 'Conflict')],
    ['a Status with reason Conflict and another code', kubernetesStatus(500, 'Conflict')],
    ['a Status with code 409 and an unknown reason', kubernetesStatus(409, '')],
    [
      'an API exception with code 409 and a Status body',
      { code: 409, body: kubernetesStatus(409, 'Conflict') },
    ],
    [
      'an API exception with code 409 and a Status JSON string body',
      { code: 409, body: JSON.stringify(kubernetesStatus(409, 'Conflict')) },
    ],
    ['an API exception with code 409 and a body that is no Status', { code: 409, body: 'conflict' }],
    ['an object with reason Conflict and a code', { reason: 'Conflict', code: 409 }],
    ['an Error whose cause is a 409 response', new Error('write failed', { cause: { status: 409 } })],
  ];
  for (const [what, error] of conflicts) {
    it(`recognises ${what}`, () => expect(isConflict(error)).toBeTrue());
  }

  const others: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['a string', 'Conflict'],
    ['the number 409', 409],
    ['a 404', { status: 404 }],
    ['a 500', { status: 500 }],
    ['a 409 on a success response', { status: 409, ok: true }],
    [
      'a Status with reason AlreadyExists (a 409 that a retry cannot fix)',
      kubernetesStatus(409, 'AlreadyExists'),
    ],
    [
      'an error response whose Status body says AlreadyExists',
      { status: 409, error: kubernetesStatus(409, 'AlreadyExists') },
    ],
    ['a bare { code: 409 }', { code: 409 }],
    ['a Node.js error code', Object.assign(new Error('x'), { code: 'ECONFLICT' })],
    [
      'a Status JSON body with reason NotFound',
      { code: 404, body: JSON.stringify(kubernetesStatus(404, 'NotFound')) },
    ],
  ];
  for (const [what, error] of others) {
    it(`rejects ${what}`, () => expect(isConflict(error)).toBeFalse());
  }

  it('never throws, even for an object whose getters throw', () => {
    const hostile = Object.defineProperty({}, 'status', {
      get() {
        throw new Error('boom');
      },
    });
    expect(isConflict(hostile)).toBeFalse();
  });

  it('ends on a cycle of causes', () => {
    const a: { cause?: unknown } = {};
    const b = { cause: a };
    a.cause = b;
    expect(isConflict(a)).toBeFalse();
  });
});
