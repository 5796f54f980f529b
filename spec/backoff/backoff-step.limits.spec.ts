import { backoffDelays } from '../../src/index.js';

/** Go's `time.Duration` is an int64 of nanoseconds: its longest value is 2^63 - 1 ns. */
const INT64_LIMIT_NS = 2 ** 63;

describe('Backoff steps at the limits of Go arithmetic', () => {
  // 2^62 ns (about 53 days) doubles to exactly 2^63 ns, one past Go's longest duration.
  const halfTheLimit = { duration: INT64_LIMIT_NS / 2 / 1e6, factor: 2, jitter: 0, steps: 3 };

  it('should throw a RangeError naming the wait in milliseconds when a wait reaches 2^63 ns', () => {
    expect(() => backoffDelays(halfTheLimit)).toThrowMatching(
      (error: unknown) =>
        error instanceof RangeError &&
        error.message.startsWith('Backoff overflow') &&
        error.message.endsWith(`, got ${INT64_LIMIT_NS / 1e6}`),
    );
  });

  it('should allow the longest wait below 2^63 ns', () => {
    // The largest double below 2^63 is 2^63 - 1024.
    const justBelow = { ...halfTheLimit, factor: 2 - 2 ** -52 };
    // Compared in milliseconds: so close to 2^63, converting back to nanoseconds would round up to it.
    expect(backoffDelays(justBelow)).toEqual([INT64_LIMIT_NS / 2 / 1e6, (INT64_LIMIT_NS - 1024) / 1e6]);
  });

  it('should throw a RangeError when jitter could carry a wait to 2^63 ns, whatever random returns', () => {
    const jittered = { duration: INT64_LIMIT_NS / 2 / 1e6, factor: 1, jitter: 1, steps: 2 };
    // 2^62 ns + (1 - 2^-53) * 2^62 ns rounds to 2^63: random's largest value overflows, so it is refused
    // before any random number is drawn.
    const random = jasmine.createSpy('random').and.returnValue(0.5);
    expect(() => backoffDelays(jittered, random)).toThrowError(
      RangeError,
      `Backoff overflow: wait 1 (lower jitter) must be below 9223372036854.775 ms (Go's longest duration), got ${INT64_LIMIT_NS / 1e6}`,
    );
    expect(random).not.toHaveBeenCalled();
    // Half the jitter stays below the limit even with random's largest value.
    expect(backoffDelays({ ...jittered, jitter: 0.5 }, () => 0.9999999999999999)).toEqual([
      (INT64_LIMIT_NS / 2 + Math.trunc(0.9999999999999999 * 0.5 * (INT64_LIMIT_NS / 2))) / 1e6,
    ]);
  });

  for (const [shown, value] of [
    ['null', null],
    ['"0.5"', '0.5'],
    ['false', false],
    ['an object', [0.5]],
  ] as const) {
    it(`should reject a random that returns ${shown}, which arithmetic would coerce into [0, 1)`, () => {
      const random = (): number => value as unknown as number;
      expect(() => backoffDelays({ duration: 10, factor: 1, jitter: 0.5, steps: 2 }, random)).toThrowError(
        RangeError,
        `backoffDelays: random must return a number in [0, 1), got ${shown}`,
      );
    });
  }

  it('should accept a factor and a jitter past 2^63 when no wait comes near it', () => {
    const huge = INT64_LIMIT_NS * 10;
    expect(backoffDelays({ duration: 0, factor: huge, jitter: huge, steps: 3 }, () => 0.5)).toEqual([0, 0]);
  });
});
