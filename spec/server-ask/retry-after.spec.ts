// First: it loads Angular's JIT compiler.
import '../support/angular-environment.js';
import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { ApiException } from '@kubernetes/client-node';
import { AxiosError, AxiosHeaders, type InternalAxiosRequestConfig } from 'axios';
import { HTTPError, type NormalizedOptions } from 'ky';
import { AjaxError } from 'rxjs/ajax';
import { retryAfterMs } from '../../src/server-ask/retry-after.js';

/** A clock reading: Wed, 21 Oct 2026 07:28:00 GMT. */
const NOW = Date.UTC(2026, 9, 21, 7, 28, 0);

/** An error as a plain object: a status and one `Retry-After` header. */
const withHeader = (value: unknown, name = 'retry-after') => ({ status: 429, headers: { [name]: value } });

/** A Kubernetes `metav1.Status` failure as the API server sends it, with details. */
function kubernetesStatus(
  code: number,
  reason: string,
  details: Record<string, unknown>,
): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: reason,
    reason,
    details,
    code,
  };
}

describe('retryAfterMs', () => {
  describe('with delta-seconds', () => {
    it('should read whole seconds as milliseconds', () => {
      expect(retryAfterMs(withHeader('2'))).toBe(2000);
      expect(retryAfterMs(withHeader('120'))).toBe(120_000);
    });

    it('should read 0 as an ask for no wait', () => {
      expect(retryAfterMs(withHeader('0'))).toBe(0);
    });

    it('should read a header in any letter case, and ignore surrounding spaces', () => {
      expect(retryAfterMs(withHeader('3', 'Retry-After'))).toBe(3000);
      expect(retryAfterMs(withHeader(' 3 ', 'RETRY-AFTER'))).toBe(3000);
    });

    it('should read a number given as a number', () => {
      expect(retryAfterMs(withHeader(5))).toBe(5000);
    });

    it('should find no ask in a negative, signed, fractional or malformed value', () => {
      for (const value of ['-1', '+1', '1.5', '1e3', '0x10', '', ' ', 'soon', '1 2', '٣']) {
        expect(retryAfterMs(withHeader(value)))
          .withContext(JSON.stringify(value))
          .toBeUndefined();
      }
    });

    it('should find no ask in a number that is negative, fractional or not finite', () => {
      for (const value of [-1, 0.5, NaN, Infinity, -Infinity]) {
        expect(retryAfterMs(withHeader(value)))
          .withContext(String(value))
          .toBeUndefined();
      }
    });

    it("should find no ask in a wait longer than Go's longest duration, about 292 years", () => {
      expect(retryAfterMs(withHeader('9223372036'))).toBe(9_223_372_036_000);
      expect(retryAfterMs(withHeader('9223372037'))).toBeUndefined();
      expect(retryAfterMs(withHeader('9'.repeat(400)))).toBeUndefined();
    });

    it('should not parse header text longer than 64 characters', () => {
      expect(retryAfterMs(withHeader(`${' '.repeat(62)}1`))).toBe(1000);
      expect(retryAfterMs(withHeader(`${' '.repeat(64)}1`))).toBeUndefined();
    });

    it('should find no ask in a header of another type', () => {
      for (const [index, value] of [null, undefined, true, ['1'], { seconds: 1 }, 1n].entries()) {
        expect(retryAfterMs(withHeader(value)))
          .withContext(`value ${index}`)
          .toBeUndefined();
      }
    });
  });

  describe('with an HTTP-date', () => {
    it('should measure an IMF-fixdate against the given clock', () => {
      expect(retryAfterMs(withHeader('Wed, 21 Oct 2026 07:28:30 GMT'), NOW)).toBe(30_000);
      expect(retryAfterMs(withHeader('Thu, 22 Oct 2026 07:28:00 GMT'), NOW)).toBe(86_400_000);
    });

    it('should measure to the millisecond of a clock that is not on a whole second', () => {
      expect(retryAfterMs(withHeader('Wed, 21 Oct 2026 07:28:30 GMT'), NOW + 250.5)).toBe(29_749.5);
    });

    it('should read a date already past, or now, as an ask for no wait', () => {
      expect(retryAfterMs(withHeader('Wed, 21 Oct 2026 07:27:00 GMT'), NOW)).toBe(0);
      expect(retryAfterMs(withHeader('Wed, 21 Oct 2026 07:28:00 GMT'), NOW)).toBe(0);
    });

    it('should measure against Date.now() when no clock is given', () => {
      const inOneMinute = new Date(Math.ceil(Date.now() / 1000) * 1000 + 60_000).toUTCString();
      const ask = retryAfterMs(withHeader(inOneMinute));
      expect(ask).toBeGreaterThan(59_000);
      expect(ask).toBeLessThanOrEqual(61_000);
    });

    it('should read the obsolete RFC 850 and asctime forms, as RFC 9110 asks of a recipient', () => {
      expect(retryAfterMs(withHeader('Wednesday, 21-Oct-26 07:28:30 GMT'), NOW)).toBe(30_000);
      expect(retryAfterMs(withHeader('Wed Oct 21 07:28:30 2026'), NOW)).toBe(30_000);
      expect(retryAfterMs(withHeader('Sun Nov  1 07:28:00 2026'), NOW)).toBe(11 * 86_400_000);
    });

    it('should put an RFC 850 year more than 50 years ahead in the past century', () => {
      // 2076 is 50 years ahead of 2026: still ahead. 2077 would be more: it is 1977, long past.
      expect(retryAfterMs(withHeader('Wednesday, 21-Oct-76 07:28:00 GMT'), NOW)).toBe(
        Date.UTC(2076, 9, 21, 7, 28) - NOW,
      );
      expect(retryAfterMs(withHeader('Friday, 21-Oct-77 07:28:00 GMT'), NOW)).toBe(0);
    });

    it('should find no ask in a date that is not a real day or time, or names the wrong weekday', () => {
      for (const value of [
        'Sat, 31 Feb 2026 07:28:00 GMT',
        'Wed, 21 Oct 2026 24:00:00 GMT',
        'Wed, 21 Oct 2026 07:60:00 GMT',
        'Wed, 21 Oct 2026 07:28:61 GMT',
        'Wed, 00 Oct 2026 07:28:00 GMT',
        'Thu, 21 Oct 2026 07:28:00 GMT',
        'Thursday, 21-Oct-26 07:28:00 GMT',
        'Thu Oct 21 07:28:00 2026',
      ]) {
        expect(retryAfterMs(withHeader(value), NOW))
          .withContext(value)
          .toBeUndefined();
      }
    });

    it('should find no ask in a date in another form or zone', () => {
      for (const value of [
        '2026-10-21T07:28:30Z',
        'Wed, 21 Oct 2026 07:28:30 UTC',
        'Wed, 21 Oct 2026 07:28:30 +0000',
        'wed, 21 oct 2026 07:28:30 GMT',
        '21 Oct 2026 07:28:30 GMT',
        'Wed, 21 Oct 2026 07:28 GMT',
        'Wed,21 Oct 2026 07:28:30 GMT',
      ]) {
        expect(retryAfterMs(withHeader(value), NOW))
          .withContext(value)
          .toBeUndefined();
      }
    });

    it('should find no ask in a date when the clock is not a finite number', () => {
      for (const now of [NaN, Infinity]) {
        expect(retryAfterMs(withHeader('Wed, 21 Oct 2026 07:28:30 GMT'), now))
          .withContext(String(now))
          .toBeUndefined();
      }
    });
  });

  describe("with a Kubernetes Status's details.retryAfterSeconds", () => {
    it('should read the seconds of a Status thrown as it is', () => {
      expect(retryAfterMs(kubernetesStatus(429, 'TooManyRequests', { retryAfterSeconds: 1 }))).toBe(1000);
    });

    it('should read a Status held as a body, a JSON text body, or axios data', () => {
      const status = kubernetesStatus(503, 'ServiceUnavailable', { retryAfterSeconds: 4 });
      expect(retryAfterMs({ code: 503, body: status })).toBe(4000);
      expect(retryAfterMs({ code: 503, body: JSON.stringify(status) })).toBe(4000);
      expect(retryAfterMs({ status: 503, error: status })).toBe(4000);
      expect(retryAfterMs({ response: { status: 503, data: status } })).toBe(4000);
    });

    it('should find no ask in zero seconds unless the reason is ServerTimeout, as SuggestsClientDelay', () => {
      expect(
        retryAfterMs(kubernetesStatus(429, 'TooManyRequests', { retryAfterSeconds: 0 })),
      ).toBeUndefined();
      expect(retryAfterMs(kubernetesStatus(504, 'ServerTimeout', { retryAfterSeconds: 0 }))).toBe(0);
    });

    it('should find no ask in seconds that are negative, fractional, not finite or not a number', () => {
      for (const seconds of [-1, 1.5, NaN, Infinity, '1', null]) {
        expect(retryAfterMs(kubernetesStatus(429, 'TooManyRequests', { retryAfterSeconds: seconds })))
          .withContext(String(seconds))
          .toBeUndefined();
      }
    });

    it('should find no ask in a Status without details', () => {
      expect(retryAfterMs({ kind: 'Status', code: 429, reason: 'TooManyRequests' })).toBeUndefined();
    });

    it('should prefer the Retry-After header to the Status, as the REST client copies the header in', () => {
      const status = kubernetesStatus(429, 'TooManyRequests', { retryAfterSeconds: 9 });
      expect(retryAfterMs({ code: 429, body: status, headers: { 'retry-after': '2' } })).toBe(2000);
    });

    it('should read the Status when the header is malformed', () => {
      const status = kubernetesStatus(429, 'TooManyRequests', { retryAfterSeconds: 9 });
      expect(retryAfterMs({ code: 429, body: status, headers: { 'retry-after': 'soon' } })).toBe(9000);
    });
  });

  describe('on the errors HTTP clients throw, built without a server', () => {
    it("should read Angular's HttpErrorResponse headers and a Status in its error", () => {
      const headers = new HttpHeaders({ 'Retry-After': '3' });
      expect(retryAfterMs(new HttpErrorResponse({ status: 429, headers }))).toBe(3000);
      const error = kubernetesStatus(429, 'TooManyRequests', { retryAfterSeconds: 2 });
      expect(retryAfterMs(new HttpErrorResponse({ status: 429, error }))).toBe(2000);
      expect(retryAfterMs(new HttpErrorResponse({ status: 429 }))).toBeUndefined();
    });

    it('should read a thrown fetch Response, and one held as a cause', () => {
      const response = new Response(null, { status: 503, headers: { 'Retry-After': '7' } });
      expect(retryAfterMs(response)).toBe(7000);
      expect(retryAfterMs(new Error('HTTP 503', { cause: response }))).toBe(7000);
      expect(retryAfterMs(new Response(null, { status: 503 }))).toBeUndefined();
    });

    it("should read axios' AxiosError with AxiosHeaders or plain headers", () => {
      const config = { headers: new AxiosHeaders() } as InternalAxiosRequestConfig;
      const response = (headers: AxiosHeaders | Record<string, string>) => ({
        status: 429,
        statusText: 'Too Many Requests',
        headers,
        config,
        data: {},
      });
      const fromAxiosHeaders = new AxiosError(
        'Request failed with status code 429',
        'ERR_BAD_REQUEST',
        config,
        {},
        response(new AxiosHeaders({ 'Retry-After': '5' })),
      );
      expect(retryAfterMs(fromAxiosHeaders)).toBe(5000);
      const fromPlain = new AxiosError(
        '429',
        'ERR_BAD_REQUEST',
        config,
        {},
        response({ 'retry-after': '6' }),
      );
      expect(retryAfterMs(fromPlain)).toBe(6000);
    });

    it("should read ky's HTTPError", () => {
      const response = new Response(null, { status: 429, headers: { 'retry-after': '8' } });
      const error = new HTTPError(response, new Request('http://127.0.0.1/'), {} as NormalizedOptions);
      expect(retryAfterMs(error)).toBe(8000);
    });

    it("should read RxJS's AjaxError through its XMLHttpRequest, and a Status in its response", () => {
      const status = kubernetesStatus(429, 'TooManyRequests', { retryAfterSeconds: 2 });
      const xhr = (retryAfter: string | null) =>
        ({
          status: 429,
          responseType: 'json',
          response: status,
          getResponseHeader: (name: string) => (name.toLowerCase() === 'retry-after' ? retryAfter : null),
        }) as unknown as XMLHttpRequest;
      const request = { url: 'http://127.0.0.1/', method: 'GET', headers: {} } as ConstructorParameters<
        typeof AjaxError
      >[2];
      // RxJS asks applications not to make AjaxErrors; here one is made to be read, as ajax makes it.
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      expect(retryAfterMs(new AjaxError('ajax error', xhr('4'), request))).toBe(4000);
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      expect(retryAfterMs(new AjaxError('ajax error', xhr(null), request))).toBe(2000);
    });

    it("should read @kubernetes/client-node's ApiException headers and its JSON Status body", () => {
      const status = JSON.stringify(kubernetesStatus(429, 'TooManyRequests', { retryAfterSeconds: 1 }));
      expect(retryAfterMs(new ApiException(429, 'Too Many Requests', status, { 'retry-after': '3' }))).toBe(
        3000,
      );
      expect(retryAfterMs(new ApiException(429, 'Too Many Requests', status, {}))).toBe(1000);
    });
  });

  describe('on anything else', () => {
    it('should find no ask in null, primitives and objects without one', () => {
      for (const [index, error] of [
        null,
        undefined,
        0,
        '5',
        true,
        Symbol('x'),
        {},
        [],
        new Error('x'),
        { status: 429 },
      ].entries()) {
        expect(retryAfterMs(error)).withContext(`error ${index}`).toBeUndefined();
      }
    });

    it('should follow response and cause links at most four deep', () => {
      let error: unknown = withHeader('1');
      for (let depth = 1; depth <= 4; depth++) error = { cause: error };
      expect(retryAfterMs(error)).toBe(1000);
      expect(retryAfterMs({ response: error })).toBeUndefined();
    });

    it('should end on an error that is its own cause', () => {
      const error: { cause?: unknown } = {};
      error.cause = error;
      expect(retryAfterMs(error)).toBeUndefined();
    });

    it('should never throw, whatever the getters or header functions do', () => {
      const throwing = () => {
        throw new Error('getter');
      };
      const errors = [
        Object.defineProperty({}, 'headers', { get: throwing }),
        { headers: { get: throwing } },
        { headers: new Proxy({}, { ownKeys: throwing }) },
        { xhr: { getResponseHeader: throwing } },
        { headers: { 'retry-after': { toString: throwing } } },
        new Proxy({}, { get: throwing }),
      ];
      for (const error of errors) expect(() => retryAfterMs(error)).not.toThrow();
      for (const error of errors) expect(retryAfterMs(error)).toBeUndefined();
    });
  });
});
