import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isConflict } from '../../src/index.js';
import { expectProperty } from '../support/expect-property.js';

/** The fields error objects of HTTP and Kubernetes clients carry, which isConflict may look at. */
const errorField = fc.constantFrom(
  'status',
  'code',
  'ok',
  'response',
  'cause',
  'body',
  'error',
  'data',
  'kind',
  'reason',
);

/** A value for such a field: the interesting ones, and anything at all. */
const fieldValue = fc.oneof(
  fc.constantFrom<unknown>(
    409,
    '409',
    404,
    500,
    0,
    'Conflict',
    'Status',
    'AlreadyExists',
    true,
    null,
    undefined,
  ),
  fc.constantFrom(
    '{"kind":"Status","reason":"Conflict","code":409}',
    '{"kind":"Status"',
    '{}',
    ' {"code":409}',
  ),
  fc.anything({ maxDepth: 2 }),
);

/** A Proxy every trap of which throws: the most hostile object a caller could hand us. */
function throwingProxy(): object {
  const trap = (name: string) => () => assert.fail(`${name} trap`);
  return new Proxy(
    {},
    {
      get: trap('get'),
      has: trap('has'),
      getPrototypeOf: trap('getPrototypeOf'),
      ownKeys: trap('ownKeys'),
      getOwnPropertyDescriptor: trap('getOwnPropertyDescriptor'),
    },
  );
}

/** How a field of an error-like object behaves when read. */
type FieldGetter = 'returns the value' | 'throws' | 'returns a Proxy whose traps throw';

/**
 * An error-like object described as plain data (so that a counterexample reads well), built only
 * inside the property: fast-check itself must not trip over its throwing getters.
 */
interface ErrorLike {
  readonly fields: readonly {
    readonly field: string;
    readonly value: unknown;
    readonly getter: FieldGetter;
  }[];
}

const errorLike: fc.Arbitrary<ErrorLike> = fc.letrec<{ error: ErrorLike }>((tie) => ({
  error: fc.record({
    fields: fc.uniqueArray(
      fc.record({
        field: errorField,
        value: fc.oneof({ weight: 3, arbitrary: fieldValue }, { weight: 1, arbitrary: tie('error') }),
        getter: fc.constantFrom<FieldGetter>(
          'returns the value',
          'returns the value',
          'throws',
          'returns a Proxy whose traps throw',
        ),
      }),
      { maxLength: 5, selector: ({ field }) => field },
    ),
  }),
})).error;

function build(description: ErrorLike): object {
  const error = {};
  for (const { field, value, getter } of description.fields) {
    Object.defineProperty(error, field, {
      enumerable: true,
      get: () => {
        if (getter === 'throws') throw new Error(`getter of ${field} throws`);
        if (getter === 'returns a Proxy whose traps throw') return throwingProxy();
        return isErrorLike(value) ? build(value) : value;
      },
    });
  }
  return error;
}

function isErrorLike(value: unknown): value is ErrorLike {
  return typeof value === 'object' && value !== null && Array.isArray((value as Partial<ErrorLike>).fields);
}

/** apimachinery's known StatusReasons (`k8s.io/apimachinery/pkg/apis/meta/v1`); "" is unknown. */
const KNOWN_REASONS: readonly string[] = [
  'Unauthorized',
  'Forbidden',
  'NotFound',
  'AlreadyExists',
  'Conflict',
  'Gone',
  'Invalid',
  'ServerTimeout',
  'StoreReadError',
  'Timeout',
  'TooManyRequests',
  'BadRequest',
  'MethodNotAllowed',
  'NotAcceptable',
  'RequestEntityTooLarge',
  'UnsupportedMediaType',
  'InternalError',
  'Expired',
  'ServiceUnavailable',
];

const kubernetesStatus = fc.record({
  reason: fc.oneof(
    fc.constantFrom<unknown>(...KNOWN_REASONS),
    // Unknown reasons, some of them a known one with something around it.
    fc.constantFrom<unknown>('', 'Conflicted', 'conflict', 'XConflict', 'NotFoundYet', 'PreAlreadyExists'),
    fc.string(),
    // Not strings, though one would print as a known reason.
    fc.constantFrom<unknown>(null, 409, ['AlreadyExists']),
  ),
  code: fc.oneof(fc.constantFrom(409, 404, 500, 0), fc.integer({ min: 100, max: 599 })),
});

/** How an HTTP or Kubernetes client hands a Status over. */
type StatusCarrier =
  | 'the Status itself'
  | 'ApiException body'
  | 'ApiException JSON body'
  | 'ApiException JSON body with leading whitespace'
  | 'HttpErrorResponse error'
  | 'AjaxError response'
  | 'axios response data'
  | 'ofetch FetchError data'
  | 'got HTTPError response body'
  | 'fetch wrapper status and response body';

const STATUS_CARRIERS: readonly StatusCarrier[] = [
  'the Status itself',
  'ApiException body',
  'ApiException JSON body',
  'ApiException JSON body with leading whitespace',
  'HttpErrorResponse error',
  'AjaxError response',
  'axios response data',
  'ofetch FetchError data',
  'got HTTPError response body',
  'fetch wrapper status and response body',
];

const statusCarrier = fc.constantFrom(...STATUS_CARRIERS);

/** Statuses whose verdict differs from a bare 409's, or from their code's: tried through every carrier. */
const telltaleStatuses = [
  { reason: 'AlreadyExists', code: 409 },
  { reason: '', code: 409 },
  { reason: 'Conflict', code: 500 },
];

function carry(status: { readonly code: number }, carrier: StatusCarrier): unknown {
  switch (carrier) {
    case 'the Status itself':
      return status;
    case 'ApiException body':
      return { code: status.code, body: status };
    case 'ApiException JSON body':
      return { code: status.code, body: JSON.stringify(status) };
    case 'ApiException JSON body with leading whitespace':
      return { code: status.code, body: `\n  ${JSON.stringify(status, null, 2)}\n` };
    case 'HttpErrorResponse error':
      return { status: status.code, ok: false, error: status };
    case 'AjaxError response':
      return { name: 'AjaxError', status: status.code, response: status };
    case 'ofetch FetchError data':
      return { name: 'FetchError', statusCode: status.code, data: status };
    case 'got HTTPError response body':
      return {
        name: 'HTTPError',
        code: 'ERR_NON_2XX_3XX_RESPONSE',
        response: { statusCode: status.code, body: JSON.stringify(status) },
      };
    case 'fetch wrapper status and response body':
      return { status: status.code, response: { body: status } };
    case 'axios response data':
      return {
        name: 'AxiosError',
        code: 'ERR_BAD_RESPONSE',
        response: { status: status.code, data: status },
      };
  }
}

describe('isConflict, for arbitrary input', () => {
  it('should return a boolean and never throw, for anything at all', () => {
    expectProperty(
      fc.property(
        fc.anything({
          withBigInt: true,
          withMap: true,
          withSet: true,
          withBoxedValues: true,
          withNullPrototype: true,
        }),
        (value) => {
          assert.equal(typeof isConflict(value), 'boolean');
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('should return a boolean and never throw, for error-like objects whose getters or traps throw', () => {
    expectProperty(
      fc.property(errorLike, (description) => {
        assert.equal(typeof isConflict(build(description)), 'boolean');
        assert.equal(typeof isConflict(throwingProxy()), 'boolean');
      }),
      { numRuns: 1000 },
    );
  });

  it('should give the same answer every time it is asked', () => {
    expectProperty(
      fc.property(errorLike, (description) => {
        const error = build(description);
        assert.equal(isConflict(error), isConflict(error));
      }),
      { numRuns: 300 },
    );
  });

  it('should terminate on error objects whose response and cause links form a cycle', () => {
    expectProperty(
      fc.property(fc.integer({ min: 1, max: 6 }), errorField, (length, link) => {
        const chain: Record<string, unknown>[] = Array.from({ length }, () => ({ message: 'conflict?' }));
        chain.forEach((error, i) => (error[link] = chain[(i + 1) % length]));
        assert.equal(typeof isConflict(chain[0]), 'boolean');
      }),
    );
  });

  it('should say false for every primitive', () => {
    expectProperty(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.double(),
          fc.integer(),
          fc.boolean(),
          fc.bigInt(),
          fc.constantFrom(null, undefined, 409),
        ),
        (value) => {
          assert.equal(isConflict(value), false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('should say true for an HTTP status of 409 and false for every other status, also as a response', () => {
    const status = fc.oneof(fc.constant(409), fc.integer({ min: 100, max: 599 }), fc.integer());
    expectProperty(
      fc.property(status, (code) => {
        assert.equal(isConflict({ status: code }), code === 409, `{ status: ${code} }`);
        assert.equal(
          isConflict({ response: { status: code } }),
          code === 409,
          `{ response: { status: ${code} } }`,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('should judge a Kubernetes Status as apimachinery IsConflict does, whichever way the error carries it', () => {
    expectProperty(
      fc.property(kubernetesStatus, statusCarrier, ({ reason, code }, carrier) => {
        const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, code };
        const expected =
          reason === 'Conflict' ||
          (!(typeof reason === 'string' && KNOWN_REASONS.includes(reason)) && code === 409);
        assert.equal(isConflict(carry(status, carrier)), expected);
      }),
      {
        numRuns: 500,
        examples: telltaleStatuses.flatMap((status) =>
          STATUS_CARRIERS.map((carrier): [typeof status, StatusCarrier] => [status, carrier]),
        ),
      },
    );
  });

  it('should see a conflict through up to four response or cause links, and no further', () => {
    const links = fc.array(fc.constantFrom('response', 'cause'), { maxLength: 7 });
    expectProperty(
      fc.property(links, fc.constantFrom(409, 404), (path, status) => {
        const wrapped = path.reduceRight<unknown>((inner, link) => ({ message: 'failed', [link]: inner }), {
          status,
        });
        assert.equal(
          isConflict(wrapped),
          status === 409 && path.length <= 4,
          `${path.join('.')}.status = ${status}`,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('should judge a Status by its reason alone when it has no numeric code', () => {
    const notACode = fc.constantFrom<unknown>(undefined, '409', null);
    expectProperty(
      fc.property(kubernetesStatus, notACode, ({ reason }, code) => {
        assert.equal(isConflict({ kind: 'Status', reason, code }), reason === 'Conflict');
      }),
      { numRuns: 200 },
    );
  });

  it('should judge an API exception whose body is no Status by its code alone', () => {
    const notAStatus = fc.constantFrom<unknown>(
      null,
      undefined,
      '',
      'conflict',
      '{"message":"busy"}',
      '{not json',
      409,
      {},
    );
    expectProperty(
      fc.property(fc.constantFrom(409, 404, 500), notAStatus, (code, body) => {
        assert.equal(isConflict({ code, body }), code === 409, `{ code: ${code}, body: ${String(body)} }`);
      }),
      { numRuns: 100 },
    );
  });

  it('should let a wrapper that says nothing itself defer to the error it wraps', () => {
    // Fields that are no verdict: a message, a string code (Node's 'ECONNRESET', axios' 'ERR_…'),
    // a body that is no Status, and empty links.
    const neutralWrapper = fc.record(
      {
        message: fc.constant('request failed'),
        code: fc.constantFrom('ERR_BAD_REQUEST', 'ECONNRESET'),
        body: fc.constantFrom('upstream error', null),
        reason: fc.constant('upstream said no'),
        response: fc.constant(null),
        cause: fc.constant(null),
      },
      { requiredKeys: [], noNullPrototype: true },
    );
    expectProperty(
      fc.property(
        neutralWrapper,
        fc.constantFrom('response', 'cause'),
        fc.constantFrom(409, 404, 500),
        (wrapper, link, status) => {
          const wrapped = { ...wrapper, [link]: { status } };
          assert.equal(isConflict(wrapped), status === 409);
        },
      ),
      { numRuns: 300 },
    );
  });
});
