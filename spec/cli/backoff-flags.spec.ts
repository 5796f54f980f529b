import {
  backoffFromFlags,
  numberFlag,
  parseFlags,
  BACKOFF_FLAG_OPTIONS,
  usageErrorForBackoff,
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
      '--jitter must be a number, got "lots"',
    );
    expect(() => numberFlag('writers', ' ')).toThrowError(UsageError, '--writers must be a number, got " "');
    expect(() => numberFlag('writers', 'Infinity')).toThrowError(UsageError, /--writers must be a number/);
    expect(numberFlag('writers', undefined)).toBeUndefined();
    expect(numberFlag('writers', '-3')).toBe(-3);
  });

  it("should turn the library's error about a field into a usage error naming the flag", () => {
    let thrown: unknown;
    try {
      backoffDelays({ ...DefaultRetry, steps: 0 }, () => 0);
    } catch (error: unknown) {
      thrown = error;
    }
    const usageError = usageErrorForBackoff(thrown);
    expect(usageError).toEqual(new UsageError('--steps: Backoff.steps must be an integer >= 1, got 0'));
    expect(usageError).toBeInstanceOf(UsageError);
  });

  it('should keep a message that names no field, and pass other errors through as they are', () => {
    expect(usageErrorForBackoff(new RangeError('something else'))).toEqual(new UsageError('something else'));
    const unrelated = new Error('disk full');
    expect(usageErrorForBackoff(unrelated)).toBe(unrelated);
  });

  it('should read flags strictly, turning an unknown flag or a positional into a usage error', () => {
    expect(parseFlags(['--steps', '3'], BACKOFF_FLAG_OPTIONS)).toEqual({ steps: '3' });
    expect(() => parseFlags(['--stpes', '3'], BACKOFF_FLAG_OPTIONS)).toThrowError(UsageError, /--stpes/);
    expect(() => parseFlags(['extra'], BACKOFF_FLAG_OPTIONS)).toThrowError(UsageError, /extra/);
  });
});
