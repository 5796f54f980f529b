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
});
