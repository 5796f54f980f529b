import {
  backoffFromFlags,
  numberFlag,
  parseFlags,
  BACKOFF_FLAG_OPTIONS,
  usageErrorForBackoff,
  checkBackoffFlags,
  UsageError,
} from '../../src/cli/backoff-flags.js';
import { backoffDelays, DefaultBackoff, DefaultRetry } from '../../src/index.js';

describe('backoff flags', () => {
  it('should override only the fields whose flags are given, reading an absent cap as 0', () => {
    expect(backoffFromFlags({ steps: '8', factor: '2' }, DefaultRetry)).toEqual({
      steps: 8,
      duration: 10,
      factor: 2,
      jitter: 0.1,
      cap: 0,
    });
    expect(backoffFromFlags({}, DefaultBackoff)).toEqual({ ...DefaultBackoff, cap: 0 });
    expect(backoffFromFlags({ cap: '30', jitter: '0', duration: '2.5' }, DefaultRetry)).toEqual({
      steps: 5,
      duration: 2.5,
      factor: 1,
      jitter: 0,
      cap: 30,
    });
  });

  it('should refuse a flag that is not a number, naming it', () => {
    expect(() => backoffFromFlags({ jitter: 'lots' }, DefaultRetry)).toThrowError(
      UsageError,
      '--jitter must be a decimal number, got "lots"',
    );
    expect(() => numberFlag('writers', ' ')).toThrowError(
      UsageError,
      '--writers must be a decimal number, got " "',
    );
    expect(numberFlag('duration', 'Infinity')).toBe(Infinity);
    expect(numberFlag('duration', '-Infinity')).toBe(-Infinity);
    expect(numberFlag('duration', 'NaN')).toBeNaN();
    expect(numberFlag('writers', undefined)).toBeUndefined();
    expect(numberFlag('writers', '-3')).toBe(-3);
  });

  it('should read decimal numbers only, as people write them', () => {
    for (const [text, value] of [
      ['3', 3],
      ['-1', -1],
      ['+2', 2],
      ['0.25', 0.25],
      ['12.5', 12.5],
      ['.5', 0.5],
      ['.25', 0.25],
      ['5.', 5],
      ['1e3', 1000],
      ['-2.5E-1', -0.25],
    ] as const) {
      expect(numberFlag('duration', text)).withContext(text).toBe(value);
    }
    for (const text of ['0x10', '0b1', '0o7', '1_000', '1e', '--1', '', ' 3', '3 ', 'infinity', '1,5']) {
      expect(() => numberFlag('steps', text))
        .withContext(text)
        .toThrowError(UsageError, `--steps must be a decimal number, got ${JSON.stringify(text)}`);
    }
  });

  it('should take a negative number after a flag as its value, never as a flag of its own', () => {
    expect(
      parseFlags(['--duration', '-1', '--cap', '-.5', '--factor', '-1e3'], BACKOFF_FLAG_OPTIONS),
    ).toEqual({
      duration: '-1',
      cap: '-.5',
      factor: '-1e3',
    });
    expect(parseFlags(['--jitter', '-Infinity'], BACKOFF_FLAG_OPTIONS)).toEqual({ jitter: '-Infinity' });
    // Only a flag that takes a value takes the number; parseArgs judges the rest as written.
    const withSwitch = { ...BACKOFF_FLAG_OPTIONS, json: { type: 'boolean' } } as const;
    for (const [argv, message] of [
      [['--json', '-1'], "Unknown option '-1'"],
      [['..steps', '-1'], "Unexpected argument '..steps'. This command does not take positional arguments"],
      [['--cap=1', '-1'], "Unknown option '-1'"],
    ] as const) {
      expect(() => parseFlags(argv, withSwitch))
        .withContext(argv.join(' '))
        .toThrowError(UsageError, message);
    }
    // Something that only starts like a negative number is no value: parseArgs's own message.
    expect(() => parseFlags(['--cap', '-Infinityx'], BACKOFF_FLAG_OPTIONS)).toThrowError(
      UsageError,
      /^Option '--cap' argument is ambiguous/,
    );
    // A flag after a flag that takes a value is still a missing value, as parseArgs says, even
    // when a negative number follows its name.
    for (const next of ['--cap', '--cap=-1']) {
      expect(() => parseFlags(['--duration', next, '3'], BACKOFF_FLAG_OPTIONS))
        .withContext(next)
        .toThrowError(UsageError, /--duration/);
    }
  });

  it("should turn the library's error about a field into a usage error naming the flag, read from its info", () => {
    let thrown: unknown;
    try {
      backoffDelays({ ...DefaultRetry, steps: 0 }, () => 0);
    } catch (error: unknown) {
      thrown = error;
    }
    const usageError = usageErrorForBackoff(thrown, { ...DefaultRetry, steps: 0 });
    expect(usageError).toEqual(new UsageError('--steps: Backoff.steps must be an integer >= 1, got 0'));
    expect(usageError).toBeInstanceOf(UsageError);
    expect((usageError as UsageError).cause).toBe(thrown);
  });

  it('should read the field from info, never from the message', () => {
    const error = Object.assign(new RangeError('Backoff.steps is what this message says'), {
      info: { problem: 'invalid', field: 'Backoff.jitter', rule: 'be small', value: 9 },
    });
    expect(usageErrorForBackoff(error, DefaultRetry)).toEqual(
      new UsageError('--jitter: Backoff.steps is what this message says'),
    );
  });

  it('should keep the message of an input error that names no flag, and pass other errors through as they are', () => {
    let thrown: unknown;
    try {
      backoffDelays(null as never);
    } catch (error: unknown) {
      thrown = error;
    }
    expect(usageErrorForBackoff(thrown, DefaultRetry)).toEqual(
      new UsageError('Backoff must be an object, got null'),
    );
    const plain = new RangeError('Backoff.steps must be an integer >= 1, got 0');
    expect(usageErrorForBackoff(plain, DefaultRetry)).toBe(plain);
    const unrelated = new Error('disk full');
    expect(usageErrorForBackoff(unrelated, DefaultRetry)).toBe(unrelated);
  });

  it('should name the flags to change for an overflow, from its info: --factor and the most --steps that fit', () => {
    const backoff = { steps: 100, duration: 10, factor: 2, jitter: 0 };
    expect(() => checkBackoffFlags(backoff)).toThrowError(
      UsageError,
      "the waits overflow: wait 41 would be longer than Go's longest duration (2^63 ns, about 292 years). " +
        'Lower --factor (now 2), or --steps to 41 or less (now 100). A --cap would end the retries when the wait ' +
        "reaches it (Go's cap rule).",
    );
  });

  it('should name --jitter alone when only the jitter carries a wait past the limit', () => {
    expect(() => checkBackoffFlags({ ...DefaultRetry, jitter: 1e308 })).toThrowError(
      UsageError,
      "--jitter 1e+308 overflows: the jitter can stretch wait 1 past Go's longest duration (2^63 ns, about 292 years). " +
        'Lower --jitter: a wait d can become d + jitter × d.',
    );
  });

  it('should accept what the operator accepts, however many steps, as checkBackoffFlags', () => {
    expect(() => checkBackoffFlags({ ...DefaultRetry, steps: 1e9 })).not.toThrow();
  });

  it('should read flags strictly, turning an unknown flag or a positional into a usage error', () => {
    expect(parseFlags(['--steps', '3'], BACKOFF_FLAG_OPTIONS)).toEqual({ steps: '3' });
    expect(() => parseFlags(['--stpes', '3'], BACKOFF_FLAG_OPTIONS)).toThrowError(UsageError, /--stpes/);
    expect(() => parseFlags(['extra'], BACKOFF_FLAG_OPTIONS)).toThrowError(UsageError, /extra/);
  });
});
