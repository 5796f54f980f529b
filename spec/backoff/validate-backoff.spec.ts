import {
  backoffDelays,
  DefaultRetry,
  onError,
  retryOnConflict,
  type Backoff,
  type MissingFields,
} from '../../src/index.js';
import { toBackoffSpec } from '../../src/backoff/validate-backoff.js';
import { infoOf } from '../support/input-error-info.js';
import { thrownBy } from '../support/thrown-by.js';

const valid: Backoff = { duration: 10, factor: 2, jitter: 0.1, steps: 3 };

/** Builds a config that TypeScript would reject, as JavaScript callers and JSON configs can. */
function withField(field: string, value: unknown): Backoff {
  return { ...valid, [field]: value };
}

describe('toBackoffSpec', () => {
  it('should check DefaultRetry once and give the same spec after, since the preset is frozen', () => {
    const spec = toBackoffSpec(DefaultRetry);
    expect(spec).toEqual({ durationNs: 10_000_000, factor: 1, jitter: 0.1, steps: 5, capNs: 0 });
    expect(toBackoffSpec(DefaultRetry)).toBe(spec);
    expect(toBackoffSpec({ ...DefaultRetry })).not.toBe(spec);
    expect(toBackoffSpec({ ...DefaultRetry })).toEqual(spec);
  });

  it('converts milliseconds to whole nanoseconds, as Go holds a time.Duration', () => {
    expect(toBackoffSpec({ duration: 10.0000004, factor: 1.5, jitter: 0.2, steps: 4, cap: 0.0015 })).toEqual({
      durationNs: 10_000_000,
      factor: 1.5,
      jitter: 0.2,
      steps: 4,
      capNs: 1500,
    });
  });

  it('reads an absent cap, and a cap of 0, as no cap', () => {
    expect(toBackoffSpec(valid).capNs).toBe(0);
    expect(toBackoffSpec({ ...valid, cap: 0 }).capNs).toBe(0);
  });

  it('accepts the smallest valid config: one step, all zeros', () => {
    expect(toBackoffSpec({ duration: 0, factor: 0, jitter: 0, steps: 1 })).toEqual({
      durationNs: 0,
      factor: 0,
      jitter: 0,
      steps: 1,
      capNs: 0,
    });
  });

  const rangeErrors: [string, unknown, string][] = [
    ['steps', 0, 'Backoff.steps must be an integer >= 1, got 0'],
    ['steps', -1, 'Backoff.steps must be an integer >= 1, got -1'],
    ['steps', 2.5, 'Backoff.steps must be an integer >= 1, got 2.5'],
    ['steps', NaN, 'Backoff.steps must be an integer >= 1, got NaN'],
    ['steps', Infinity, 'Backoff.steps must be an integer >= 1, got Infinity'],
    ['duration', -1, 'Backoff.duration must be a finite number >= 0, got -1'],
    ['duration', NaN, 'Backoff.duration must be a finite number >= 0, got NaN'],
    ['duration', Infinity, 'Backoff.duration must be a finite number >= 0, got Infinity'],
    ['factor', -0.5, 'Backoff.factor must be a finite number >= 0, got -0.5'],
    ['factor', NaN, 'Backoff.factor must be a finite number >= 0, got NaN'],
    ['factor', Infinity, 'Backoff.factor must be a finite number >= 0, got Infinity'],
    ['jitter', -0.1, 'Backoff.jitter must be a finite number >= 0, got -0.1'],
    ['jitter', -Infinity, 'Backoff.jitter must be a finite number >= 0, got -Infinity'],
    ['cap', -5, 'Backoff.cap must be a finite number >= 0, got -5'],
    ['cap', NaN, 'Backoff.cap must be a finite number >= 0, got NaN'],
    [
      'duration',
      1e13,
      "Backoff.duration must be below 9223372036854.775 ms (Go's longest duration), got 10000000000000",
    ],
    [
      'cap',
      1e13,
      "Backoff.cap must be below 9223372036854.775 ms (Go's longest duration), got 10000000000000",
    ],
  ];
  for (const [field, value, message] of rangeErrors) {
    it(`throws a RangeError for ${field} = ${String(value)}, naming the field, the value and the rule`, () => {
      expect(() => toBackoffSpec(withField(field, value))).toThrowError(RangeError, message);
    });
  }

  const typeErrors: [string, unknown, string][] = [
    ['steps', '5', 'Backoff.steps must be a number, got "5"'],
    ['duration', undefined, 'Backoff.duration must be a number, got undefined'],
    ['factor', null, 'Backoff.factor must be a number, got null'],
    ['jitter', 10n, 'Backoff.jitter must be a number, got 10n'],
    ['cap', '30', 'Backoff.cap must be a number, got "30"'],
  ];
  for (const [field, value, message] of typeErrors) {
    it(`throws a TypeError for ${field} = ${typeof value} ${String(value)}`, () => {
      expect(() => toBackoffSpec(withField(field, value))).toThrowError(TypeError, message);
    });
  }

  it('throws a TypeError when the backoff is not an object', () => {
    expect(() => toBackoffSpec(null as unknown as Backoff)).toThrowError(
      TypeError,
      'Backoff must be an object, got null',
    );
    expect(() => toBackoffSpec(10 as unknown as Backoff)).toThrowError(
      TypeError,
      'Backoff must be an object, got 10',
    );
  });
});

describe('toBackoffSpec, given what plain JavaScript passes', () => {
  it('should name the field whose getter throws, keeping the error as the cause', () => {
    const failure = new Error('no access');
    class Settings {
      readonly steps = 3;
      readonly duration = 10;
      get factor(): number {
        throw failure;
      }
      readonly jitter = 0;
    }
    const error = thrownBy(() => toBackoffSpec(new Settings()));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe('Backoff.factor could not be read: no access');
    expect(error.cause).toBe(failure);
  });

  it('should name the field a Proxy refuses, whatever it throws', () => {
    const backoff = new Proxy(valid, {
      get: (target, key) => {
        // Plain JavaScript may throw anything, not only an Error.
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        if (key === 'steps') throw 'locked';
        return target[key as keyof Backoff];
      },
    });
    for (const create of [
      () => toBackoffSpec(backoff),
      () => onError(backoff, () => true),
      () => backoffDelays(backoff),
    ]) {
      const error = thrownBy(create);
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toBe('Backoff.steps could not be read: locked');
      expect(error.cause).toBe('locked');
    }
  });

  it('should name each field whose getter throws, the optional cap too', () => {
    for (const field of ['steps', 'duration', 'factor', 'jitter', 'cap'] as const) {
      const backoff = Object.defineProperty({ ...valid, cap: 100 }, field, {
        get: () => {
          throw new Error(`${field} is locked`);
        },
      });
      const error = thrownBy(() => toBackoffSpec(backoff));
      expect(error).withContext(field).toBeInstanceOf(TypeError);
      expect(error.message).toBe(`Backoff.${field} could not be read: ${field} is locked`);
    }
  });

  it('should show what a getter threw when it is not an Error, null and undefined included', () => {
    for (const [thrown, shown] of [
      [null, 'null'],
      [undefined, 'undefined'],
      [42, '42'],
    ] as const) {
      const backoff = Object.defineProperty({ ...valid }, 'duration', {
        get: () => {
          // eslint-disable-next-line @typescript-eslint/only-throw-error
          throw thrown;
        },
      });
      const error = thrownBy(() => toBackoffSpec(backoff));
      expect(error).withContext(shown).toBeInstanceOf(TypeError);
      expect(error.message).toBe(`Backoff.duration could not be read: ${shown}`);
      expect(error.cause).toBe(thrown);
    }
  });

  it('should read each field once, so that a getter is not asked twice', () => {
    let reads = 0;
    const backoff = {
      ...valid,
      get steps() {
        reads++;
        return 3;
      },
    };
    toBackoffSpec(backoff);
    expect(reads).toBe(1);
  });

  it('should name every missing field at once', () => {
    expect(() => toBackoffSpec({ steps: 5 } as Backoff)).toThrowError(
      TypeError,
      'Backoff.duration, Backoff.factor, Backoff.jitter must be numbers, got undefined',
    );
  });

  const STEPS_HINT = ' (steps = attempts = retries + 1)';
  const ALL = 'Backoff.steps, Backoff.duration, Backoff.factor, Backoff.jitter must be numbers';
  const peerConfigs: [string, object, string][] = [
    [
      "RxJS retry's",
      { count: 3 },
      `${ALL}${STEPS_HINT}, got undefined; count is not a Backoff field: count: 3 → steps: 4`,
    ],
    [
      "backoff-rxjs's",
      { maxRetries: 3, initialInterval: 100, maxInterval: 1000 },
      `${ALL}${STEPS_HINT}, got undefined; maxRetries is not a Backoff field: maxRetries: 3 → steps: 4; ` +
        'initialInterval is not a Backoff field: initialInterval: 100 → duration: 100; maxInterval is not a Backoff field',
    ],
    [
      'a maxAttempts',
      { maxAttempts: 3 },
      `${ALL}${STEPS_HINT}, got undefined; maxAttempts is not a Backoff field: maxAttempts: 3 → steps: 3`,
    ],
    [
      'a retries',
      { retries: 3, duration: 10, factor: 2, jitter: 0.1 },
      `Backoff.steps must be a number${STEPS_HINT}, got undefined; retries is not a Backoff field: retries: 3 → steps: 4`,
    ],
    [
      'a p-retry',
      { retries: 2, minTimeout: 50 },
      `${ALL}${STEPS_HINT}, got undefined; retries is not a Backoff field: retries: 2 → steps: 3; minTimeout is not a Backoff field: minTimeout: 50 → duration: 50`,
    ],
  ];
  for (const [whose, config, message] of peerConfigs) {
    it(`should tell ${whose} config this library's names: the field written, and what to write instead`, () => {
      expect(() => toBackoffSpec(config as Backoff)).toThrowError(TypeError, message);
    });
  }

  it('should carry the fields missing and the fields written instead as info, read without parsing', () => {
    const info = infoOf(() => toBackoffSpec({ count: 3 } as unknown as Backoff));
    expect(info).toEqual({
      problem: 'missing',
      field: 'Backoff.steps',
      rule: `be numbers${STEPS_HINT}`,
      value: undefined,
      fields: ['Backoff.steps', 'Backoff.duration', 'Backoff.factor', 'Backoff.jitter'],
      foreign: [{ field: 'count', value: 3, instead: { field: 'steps', value: 4 } }],
    });
  });

  it('should name every foreign field a config has, whatever the order its fields were written in', () => {
    const written = { initialDelay: 5, multiplier: 2, attempts: 4, delay: 'soon' } as unknown as Backoff;
    const { foreign } = infoOf(() => toBackoffSpec(written)) as MissingFields;
    expect(foreign).toEqual([
      {
        field: 'initialDelay',
        value: 5,
        instead: { field: 'duration', value: 5 },
      },
      {
        field: 'multiplier',
        value: 2,
        instead: { field: 'factor', value: 2 },
      },
      { field: 'attempts', value: 4, instead: { field: 'steps', value: 4 } },
      {
        field: 'delay',
        value: 'soon',
        instead: { field: 'duration', value: 'soon' },
      },
    ]);
  });

  it('should name the missing fields whatever order the present ones were written in', () => {
    const info = infoOf(() => toBackoffSpec({ jitter: 0, steps: 2 } as unknown as Backoff)) as MissingFields;
    expect(info.fields).toEqual(['Backoff.duration', 'Backoff.factor']);
  });

  it('should still name the missing fields when the keys of a Proxy cannot be listed', () => {
    const proxy = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('no keys');
        },
      },
    );
    expect(() => toBackoffSpec(proxy as Backoff)).toThrowError(
      TypeError,
      `${ALL}${STEPS_HINT}, got undefined`,
    );
  });

  it('should report a missing field before a field of the wrong type', () => {
    expect(() => toBackoffSpec({ steps: '5', duration: 10, factor: 1 } as unknown as Backoff)).toThrowError(
      TypeError,
      'Backoff.jitter must be a number, got undefined',
    );
  });
});

describe('bad backoffs at the public API', () => {
  const zeroSteps = { ...valid, steps: 0 };

  it('backoffDelays throws at once', () => {
    expect(() => backoffDelays(zeroSteps)).toThrowError(RangeError, /Backoff\.steps/);
  });

  it('onError throws when the operator is created, before anything is subscribed', () => {
    expect(() => onError(zeroSteps, () => true)).toThrowError(RangeError, /Backoff\.steps/);
  });

  it('retryOnConflict throws when the operator is created', () => {
    expect(() => retryOnConflict({ ...valid, jitter: NaN })).toThrowError(RangeError, /Backoff\.jitter.*NaN/);
  });
});
