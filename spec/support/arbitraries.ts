import fc from 'fast-check';
import type { Backoff } from '../../src/index.js';
import type { AttemptScript } from './scripted-source.js';

/**
 * fast-check arbitraries shared by the property specs. They favour round, familiar values
 * (0, 1, 10, 0.1) and small ranges, so that a shrunk counterexample is a backoff a person would
 * write, and they stay far below Go's longest duration (no overflow: see the overflow specs).
 */

/** Milliseconds: mostly whole numbers, sometimes fractions (which Go rounds to nanoseconds). */
const milliseconds = (max: number): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max }) },
    { weight: 1, arbitrary: fc.double({ min: 0, max, noNaN: true, noDefaultInfinity: true }) },
  );

/** Any backoff that `toBackoffSpec` accepts; `cap` is sometimes absent, sometimes 0 (none). */
export const validBackoff: fc.Arbitrary<Backoff> = fc.record(
  {
    duration: milliseconds(1000),
    factor: fc.oneof(fc.constantFrom(0, 1, 2, 5), fc.double({ min: 0, max: 4, noNaN: true })),
    jitter: fc.oneof(fc.constantFrom(0, 0.1, 1), fc.double({ min: 0, max: 2, noNaN: true })),
    steps: fc.integer({ min: 1, max: 10 }),
    cap: fc.oneof(fc.constant(0), milliseconds(5000)),
  },
  { requiredKeys: ['duration', 'factor', 'jitter', 'steps'], noNullPrototype: true },
);

/** Numbers `Math.random` could return: [0, 1), with its ends and a few plain values favoured. */
export const unitInterval: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, 0.5, 0.999),
  fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
);

/** The numbers a `random` returns, in turn; never empty. */
export const randomNumbers: fc.Arbitrary<number[]> = fc.array(unitInterval, { minLength: 1, maxLength: 12 });

/** One attempt of a scripted source; synchronous failures are the common case. */
export const attemptScript: fc.Arbitrary<AttemptScript> = fc.record(
  {
    emits: fc.integer({ min: 0, max: 2 }),
    after: fc.oneof(
      { weight: 3, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 50 }) },
    ),
    then: fc.constantFrom<AttemptScript['then']>(
      'retriable error',
      'retriable error',
      'complete',
      'fatal error',
    ),
  },
  { noNullPrototype: true },
);

/** What successive attempts do; attempts past the end repeat the last script. */
export const failurePattern: fc.Arbitrary<AttemptScript[]> = fc.array(attemptScript, {
  minLength: 1,
  maxLength: 12,
});

/**
 * What a server asks for before each retry, in ms, attempt by attempt (repeating): often nothing,
 * often whole seconds as `Retry-After` gives them, sometimes any wait.
 */
export const serverAsks: fc.Arbitrary<(number | undefined)[]> = fc.array(
  fc.oneof(
    fc.constant(undefined),
    fc.integer({ min: 0, max: 5 }).map((seconds) => seconds * 1000),
    milliseconds(5000),
  ),
  { minLength: 1, maxLength: 12 },
);

/** A bound on the asks that are waited for, in ms: round values, any value, or none. */
export const retryAfterBound: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, 1000, 60_000, Infinity),
  milliseconds(5000),
);
