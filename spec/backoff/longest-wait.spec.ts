import { backoffDelays, onError, retryOnConflict, type Backoff } from '../../src/index.js';
import { toBackoffSpec } from '../../src/backoff/validate-backoff.js';
import { thrownBy } from '../support/thrown-by.js';

const LIMIT = "must be below 9223372036854.775 ms (Go's longest duration)";

describe('waits past Go longest duration, found when the operator is created', () => {
  // The 'bounded' specs below have no clock of their own: walking every one of 1e15 steps would
  // take days, so jasmine's time limit for a spec is what fails them if the walk is not bounded.
  // 10 ms doubled: wait 41 is 10 * 2^40 ms = 10,995,116,277.76 s, past 2^63 ns.
  const doubling: Backoff = { steps: 100, duration: 10, factor: 2, jitter: 0 };
  const doublingMessage =
    'Backoff overflow: wait 41 (lower steps to 41, factor or jitter, or set a lower cap) ' +
    `${LIMIT}, got ${10 * 2 ** 40}`;

  it('should throw a RangeError from onError, retryOnConflict and backoffDelays, naming the wait and the fields', () => {
    for (const create of [
      () => onError(doubling, () => true),
      () => retryOnConflict(doubling),
      () => backoffDelays(doubling),
    ]) {
      const error = thrownBy(create);
      expect(error).toBeInstanceOf(RangeError);
      expect(error.message).toBe(doublingMessage);
    }
  });

  it('should accept the same growth when steps stop before the wait that overflows, or a cap holds it', () => {
    expect(backoffDelays({ ...doubling, steps: 41 }).at(-1)).toBe(10 * 2 ** 39);
    expect(backoffDelays({ ...doubling, cap: 60_000 }).at(-1)).toBe(40_960);
  });

  it('should blame only jitter when the first wait overflows by it', () => {
    expect(
      thrownBy(() => onError({ steps: 2, duration: 10, factor: 1, jitter: 1e308 }, () => true)).message,
    ).toBe(`Backoff overflow: wait 1 (lower jitter) ${LIMIT}, got Infinity`);
  });

  it('should find a factor that overflows at once', () => {
    expect(thrownBy(() => backoffDelays({ steps: 3, duration: 10, factor: 1e308, jitter: 0 })).message).toBe(
      `Backoff overflow: wait 2 (lower steps to 2, factor or jitter, or set a lower cap) ${LIMIT}, got Infinity`,
    );
    // With two steps there is only one wait, before the factor is ever used.
    expect(backoffDelays({ steps: 2, duration: 10, factor: 1e308, jitter: 0 })).toEqual([10]);
  });

  it('should judge the longest wait random could make, not the one it makes', () => {
    // 1e12 ms doubles to 2e12 ms, and jitter 3.7 could stretch that past 9.2e12 ms.
    const backoff: Backoff = { steps: 3, duration: 1e12, factor: 2, jitter: 3.7 };
    expect(thrownBy(() => backoffDelays(backoff, () => 0)).message).toMatch(/^Backoff overflow: wait 2 /);
    expect(() => backoffDelays({ ...backoff, jitter: 3.6 }, () => 0.9999999999999999)).not.toThrow();
  });

  it('should check quickly a growth so slow that it stalls: factor 1 + 1e-12 over 1e15 steps', () => {
    // 10 ms * (1 + 1e-12) is 10 ms and 0.00001 ns: truncated, the duration never changes.
    expect(toBackoffSpec({ steps: 1e15, duration: 10, factor: 1 + 1e-12, jitter: 0.5 }).steps).toBe(1e15);
  });

  it('should refuse, in bounded time, a growth still going after the walk, naming a later wait', () => {
    // 1000 s grows by 0.01% a step: it reaches 2^63 ns after about 230,000 waits.
    const error = thrownBy(() => toBackoffSpec({ steps: 1e15, duration: 1e6, factor: 1.0001, jitter: 0 }));
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toMatch(
      /^Backoff overflow: wait 65537 or a later one \(lower steps to 65537, .*\), got Infinity$/,
    );
  });

  it('should accept, in bounded time, a slow growth that the bound shows stays far below the limit', () => {
    // 10 ms grows by 0.001% a step: after 100,000 steps, about e times longer.
    const backoff: Backoff = { steps: 100_000, duration: 10, factor: 1.00001, jitter: 0.1 };
    expect(toBackoffSpec(backoff).steps).toBe(100_000);
    expect(backoffDelays(backoff, () => 0).at(-1)).toBeLessThan(10 * Math.E * 1.001);
  });

  // The bound rounds up by 2^-50 a step, more than a product of doubles can round down, so it never
  // passes a run whose last wait could reach the limit; and it grows by the factor once a step, so
  // one step more than it passes is one it refuses. Two factors one double apart, 1 ms and 300,000
  // steps: the bound of the larger is past the limit by 1.4e-11 of it, less than what rounding up
  // adds over the 234,000 steps after the walk (4e-10).
  it('should pass a run whose bound stays below the limit, and refuse one a double of factor above it', () => {
    const slow = { steps: 300_000, duration: 1, jitter: 0 };
    expect(() => toBackoffSpec({ ...slow, factor: 1.0000995316143262 })).not.toThrow();
    expect(thrownBy(() => toBackoffSpec({ ...slow, factor: 1.0000995316143264 })).message).toBe(
      'Backoff overflow: wait 65537 or a later one (lower steps to 65537, factor or jitter, or set a lower cap) ' +
        `${LIMIT}, got 9223372036986.35`,
    );
  });

  it('should name the wait itself, not "or a later one", when the walk reaches the last wait it walks', () => {
    const error = thrownBy(() =>
      toBackoffSpec({ steps: 70_000, duration: 1, factor: 1.0004556445898183, jitter: 0 }),
    );
    expect(error.message).toBe(
      'Backoff overflow: wait 65536 (lower steps to 65536, factor or jitter, or set a lower cap) ' +
        `${LIMIT}, got 9223372036989.223`,
    );
  });

  it('should stop walking where the cap rule ends the run, however many steps are left', () => {
    expect(toBackoffSpec({ steps: 1e15, duration: 10, factor: 2, jitter: 1, cap: 3_600_000 }).steps).toBe(
      1e15,
    );
  });

  it('should refuse the jitter that could carry a wait held to the cap past the limit', () => {
    // 2^61 ns doubles to 2^62 ns, which the cap allows (it is not above it); jitter 1 could double that.
    const backoff: Backoff = { steps: 3, duration: 2 ** 61 / 1e6, factor: 2, jitter: 1, cap: 2 ** 62 / 1e6 };
    expect(thrownBy(() => toBackoffSpec(backoff)).message).toBe(
      `Backoff overflow: wait 2 (lower steps to 2, factor or jitter, or set a lower cap) ${LIMIT}, got ${2 ** 63 / 1e6}`,
    );
    expect(() => toBackoffSpec({ ...backoff, jitter: 0.5 })).not.toThrow();
  });
});
