import { throwError } from 'rxjs';
import { shown } from '../../src/input/invalid.js';
import {
  backoffDelays,
  DefaultRetry,
  isInputError,
  onError,
  planBackoff,
  retryOnConflict,
  type Backoff,
  type InputErrorInfo,
} from '../../src/index.js';
import { infoOf } from '../support/input-error-info.js';
import { thrownBy } from '../support/thrown-by.js';

const LONGEST = "be below 9223372036854.775 ms (Go's longest duration)";
const yes = () => true;

describe('input errors, read as data', () => {
  // Every "must" error the library throws when something is made, with the facts it carries.
  const invalids: [string, () => unknown, Omit<InputErrorInfo, 'problem'>, typeof TypeError][] = [
    [
      'a backoff that is no object',
      () => backoffDelays(null as never),
      { field: 'Backoff', rule: 'be an object', value: null },
      TypeError,
    ],
    [
      'steps that are no number',
      () => retryOnConflict({ ...DefaultRetry, steps: '5' as never }),
      { field: 'Backoff.steps', rule: 'be a number', value: '5' },
      TypeError,
    ],
    [
      'steps of 0',
      () => retryOnConflict({ ...DefaultRetry, steps: 0 }),
      { field: 'Backoff.steps', rule: 'be an integer >= 1', value: 0 },
      RangeError,
    ],
    [
      'a duration that is no number',
      () => retryOnConflict({ ...DefaultRetry, duration: 10n as never }),
      { field: 'Backoff.duration', rule: 'be a number', value: 10n },
      TypeError,
    ],
    [
      'a negative factor',
      () => retryOnConflict({ ...DefaultRetry, factor: -1 }),
      { field: 'Backoff.factor', rule: 'be a finite number >= 0', value: -1 },
      RangeError,
    ],
    [
      'a NaN jitter',
      () => retryOnConflict({ ...DefaultRetry, jitter: NaN }),
      { field: 'Backoff.jitter', rule: 'be a finite number >= 0', value: NaN },
      RangeError,
    ],
    [
      'an infinite cap',
      () => retryOnConflict({ ...DefaultRetry, cap: Infinity }),
      { field: 'Backoff.cap', rule: 'be a finite number >= 0', value: Infinity },
      RangeError,
    ],
    [
      "a duration past Go's longest",
      () => retryOnConflict({ ...DefaultRetry, duration: 1e13 }),
      { field: 'Backoff.duration', rule: LONGEST, value: 1e13 },
      RangeError,
    ],
    [
      'a retriable that is no function',
      () => onError(DefaultRetry, 'yes' as never),
      { field: 'retriable', rule: 'be a function', value: 'yes' },
      TypeError,
    ],
    [
      'options that are no object',
      () => retryOnConflict(DefaultRetry, 5 as never),
      { field: 'RetryOptions', rule: 'be an object', value: 5 },
      TypeError,
    ],
    [
      'a random that is no function',
      () => retryOnConflict(DefaultRetry, { random: 0.5 as never }),
      { field: 'RetryOptions.random', rule: 'be a function', value: 0.5 },
      TypeError,
    ],
    [
      'an onRetry that is no function',
      () => retryOnConflict(DefaultRetry, { onRetry: null as never }),
      { field: 'RetryOptions.onRetry', rule: 'be a function', value: null },
      TypeError,
    ],
    [
      'an onGiveUp that is no function',
      () => retryOnConflict(DefaultRetry, { onGiveUp: {} as never }),
      { field: 'RetryOptions.onGiveUp', rule: 'be a function', value: {} },
      TypeError,
    ],
    [
      'a scheduler without now()',
      () =>
        retryOnConflict(DefaultRetry, {
          scheduler: { schedule: yes } as never,
        }),
      {
        field: 'RetryOptions.scheduler',
        rule: 'be a SchedulerLike (with schedule() and now())',
        value: { schedule: yes },
      },
      TypeError,
    ],
    [
      'a random for backoffDelays that is no function',
      () => backoffDelays(DefaultRetry, 5 as never),
      { field: 'backoffDelays: random', rule: 'be a function', value: 5 },
      TypeError,
    ],
    [
      'a random for backoffDelays out of [0, 1)',
      () => backoffDelays(DefaultRetry, () => 1),
      { field: 'backoffDelays: random', rule: 'return a number in [0, 1)', value: 1 },
      RangeError,
    ],
  ];
  for (const [what, create, facts, ErrorType] of invalids) {
    it(`should carry field, rule and value for ${what}, and say the same in its message`, () => {
      const error = thrownBy(create);
      expect(error).toBeInstanceOf(ErrorType);
      expect(isInputError(error)).toBeTrue();
      const info = infoOf(create);
      expect(info).toEqual({ problem: 'invalid', ...facts } as InputErrorInfo);
      expect(error.message).toBe(`${info.field} must ${info.rule}, got ${shown(info.value)}`);
    });
  }

  it('should deliver a RetryOptions.random out of [0, 1) to the subscriber as an input error with its facts', () => {
    // The random number is drawn as the first failure is handled, before any wait: all synchronous.
    let delivered: unknown;
    throwError(() => ({ status: 409 }))
      .pipe(retryOnConflict(DefaultRetry, { random: () => -1 }))
      .subscribe({ error: (error: unknown) => (delivered = error) });
    expect(isInputError(delivered) && delivered.info).toEqual({
      problem: 'invalid',
      field: 'RetryOptions.random',
      rule: 'return a number in [0, 1)',
      value: -1,
    });
  });

  it('should carry the field and what its getter threw for a field that cannot be read', () => {
    const thrown = new Error('not loaded');
    const backoff = {
      ...DefaultRetry,
      get factor(): number {
        throw thrown;
      },
    };
    const error = thrownBy(() => retryOnConflict(backoff));
    expect(error.cause).toBe(thrown);
    expect(infoOf(() => retryOnConflict(backoff))).toEqual({
      problem: 'unreadable',
      field: 'Backoff.factor',
      rule: 'be readable',
      value: thrown,
    });
  });

  it('should carry the first wait that overflows, how long it could be, and the most steps that fit', () => {
    const backoff: Backoff = { steps: 100, duration: 10, factor: 2, jitter: 0 };
    expect(infoOf(() => retryOnConflict(backoff))).toEqual({
      problem: 'overflow',
      field: 'Backoff',
      rule: LONGEST,
      value: 10995116277760,
      wait: 41,
      orLater: false,
      maxSteps: 41,
      fixes: ['steps', 'factor', 'jitter', 'cap'],
      jitterAlone: false,
    });
    // The most steps that fit do fit, and one more does not.
    expect(() => retryOnConflict({ ...backoff, steps: 41 })).not.toThrow();
    expect(() => retryOnConflict({ ...backoff, steps: 42 })).toThrowError(RangeError);
  });

  it('should say when the jitter alone carries a wait past the limit', () => {
    expect(infoOf(() => backoffDelays({ ...DefaultRetry, jitter: 1e308 }))).toEqual(
      jasmine.objectContaining({
        problem: 'overflow',
        wait: 1,
        maxSteps: 1,
        fixes: ['jitter'],
        jitterAlone: true,
      }),
    );
    // 2^62 ns doubled is 2^63 ns, past the limit with or without jitter.
    const grows: Backoff = { steps: 3, duration: 2 ** 62 / 1e6, factor: 2, jitter: 0.5 };
    expect(infoOf(() => backoffDelays(grows))).toEqual(
      jasmine.objectContaining({ wait: 2, maxSteps: 2, jitterAlone: false }),
    );
    // 2^61 ns doubled fits; a jitter of 1 could double it again, past the limit.
    const stretched: Backoff = { steps: 3, duration: 2 ** 61 / 1e6, factor: 2, jitter: 1 };
    expect(infoOf(() => backoffDelays(stretched))).toEqual(
      jasmine.objectContaining({ wait: 2, maxSteps: 2, jitterAlone: true }),
    );
  });

  it('should say when a growth too slow to walk overflows at that wait or a later one', () => {
    const slow: Backoff = { steps: 1e15, duration: 1e6, factor: 1.0001, jitter: 0 };
    expect(infoOf(() => retryOnConflict(slow))).toEqual(
      jasmine.objectContaining({ problem: 'overflow', wait: 65537, orLater: true, maxSteps: 65537 }),
    );
  });

  it('should carry the bound of a listing as the rule broken by steps', () => {
    const info = infoOf(() => planBackoff({ ...DefaultRetry, steps: 1e9 }));
    expect(info).toEqual({
      problem: 'invalid',
      field: 'Backoff.steps',
      rule: 'be at most 100000 to list the waits (or a cap must end the retries sooner)',
      value: 1e9,
    });
  });

  it('should not take an error without info, or with info of another shape, for an input error', () => {
    expect(isInputError(new RangeError('Backoff.steps must be an integer >= 1, got 0'))).toBeFalse();
    expect(isInputError(Object.assign(new TypeError('x'), { info: 'facts' }))).toBeFalse();
    expect(isInputError(Object.assign(new Error('x'), { info: { problem: 'invalid' } }))).toBeFalse();
    expect(isInputError({ info: { problem: 'invalid' } })).toBeFalse();
    expect(isInputError(undefined)).toBeFalse();
  });
});
