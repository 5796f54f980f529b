import { DefaultBackoff, DefaultRetry } from '../../src/index.js';
import { planBackoff } from '../../src/plan/plan-backoff.js';

describe('planBackoff', () => {
  it('should give each wait of DefaultBackoff as its jitter envelope, from random() = 0 to just below 1', () => {
    const plan = planBackoff(DefaultBackoff);

    expect(plan.attempts).toBe(4);
    // The top of the envelope is Go's trunc(r * jitter * d) with r = 1 - 2^-53: one nanosecond short
    // of d * (1 + jitter), except where the float product rounds up to it (50 ms: exactly 55 ms).
    expect(plan.waits.map((wait) => [wait.afterAttempt, wait.minMs, wait.maxMs])).toEqual([
      [1, 10, 10.999999],
      [2, 50, 55],
      [3, 250, 274.999999],
    ]);
    expect(plan.waits.every((wait) => wait.attemptFollows)).toBeTrue();
    expect(plan.capEndsRetries).toBeFalse();
    expect(plan.warnings).toEqual([]);
  });

  it('should add the longest waits up in whole nanoseconds, with no float dust', () => {
    const plan = planBackoff(DefaultBackoff);

    expect(plan.waits.map((wait) => wait.cumulativeMaxMs)).toEqual([10.999999, 65.999999, 340.999998]);
    expect(plan.totalMinMs).toBe(310);
    expect(plan.totalMaxMs).toBe(340.999998);
  });

  it('should give equal bounds for every wait when jitter is 0', () => {
    const plan = planBackoff({ ...DefaultRetry, jitter: 0 });

    expect(plan.waits.map((wait) => [wait.minMs, wait.maxMs])).toEqual([
      [10, 10],
      [10, 10],
      [10, 10],
      [10, 10],
    ]);
    expect(plan.totalMinMs).toBe(plan.totalMaxMs);
  });

  it("should end the schedule where Go's cap rule ends it, with no attempt after the capped wait", () => {
    // 10, 20, 40, 80, then 160 * 2 = 320 > 300: the wait of 160 is the last, 5 attempts instead of 8.
    const plan = planBackoff({ steps: 8, duration: 10, factor: 2, jitter: 0.1, cap: 300 });

    expect(plan.capEndsRetries).toBeTrue();
    expect(plan.attempts).toBe(5);
    expect(plan.waits.map((wait) => wait.minMs)).toEqual([10, 20, 40, 80, 160]);
    expect(plan.waits.map((wait) => wait.attemptFollows)).toEqual([true, true, true, true, false]);
    expect(plan.warnings.map((warning) => warning.code)).toEqual(['cap-ends-retries']);
    expect(plan.warnings[0]?.message).toContain('5 attempts, not 8');
  });

  it('should see the cap rule even when it strikes at the last wait, where the number of waits is unchanged', () => {
    // steps 3: waits 10 then 20, and 20 * 2 = 40 > 30 makes the second wait final: 2 attempts, not 3.
    const capped = planBackoff({ steps: 3, duration: 10, factor: 2, jitter: 0, cap: 30 });
    const uncapped = planBackoff({ steps: 3, duration: 10, factor: 2, jitter: 0 });

    expect(capped.waits.map((wait) => wait.minMs)).toEqual(uncapped.waits.map((wait) => wait.minMs));
    expect(capped.attempts).toBe(2);
    expect(uncapped.attempts).toBe(3);
    expect(capped.capEndsRetries).toBeTrue();
    expect(uncapped.capEndsRetries).toBeFalse();
  });

  it('should not report the cap when it is never reached', () => {
    const plan = planBackoff({ steps: 4, duration: 10, factor: 2, jitter: 0.1, cap: 1000 });

    expect(plan.capEndsRetries).toBeFalse();
    expect(plan.attempts).toBe(4);
  });

  it('should warn of a thundering herd when jitter is 0', () => {
    const plan = planBackoff({ steps: 3, duration: 10, factor: 2, jitter: 0 });

    expect(plan.warnings.map((warning) => warning.code)).toEqual(['no-jitter']);
    expect(plan.warnings[0]?.message).toContain('thundering herd');
  });

  it('should warn that steps 1 never retries, and not about jitter then', () => {
    const plan = planBackoff({ steps: 1, duration: 10, factor: 1, jitter: 0 });

    expect(plan.attempts).toBe(1);
    expect(plan.waits).toEqual([]);
    expect(plan.warnings.map((warning) => warning.code)).toEqual(['no-retry']);
  });

  it('should warn when the worst case outlasts common HTTP timeouts, naming each one passed', () => {
    const past30s = planBackoff({ steps: 9, duration: 100, factor: 2, jitter: 0.5 }); // up to 38.25 s
    const past60s = planBackoff({ steps: 12, duration: 100, factor: 2, jitter: 0.5 }); // up to 307.05 s
    const within = planBackoff({ steps: 8, duration: 100, factor: 2, jitter: 0.5 }); // up to 19.05 s

    expect(past30s.totalMaxMs).toBe(38_249.999992);
    expect(past30s.warnings.map((warning) => warning.code)).toEqual(['exceeds-http-timeouts']);
    expect(past30s.warnings[0]?.message).toContain('30 s');
    expect(past30s.warnings[0]?.message).not.toContain('60 s');
    expect(past60s.warnings[0]?.message).toContain('60 s');
    expect(within.warnings).toEqual([]);
  });

  it("should reject an invalid backoff with the library's own RangeError", () => {
    expect(() => planBackoff({ steps: 0, duration: 10, factor: 1, jitter: 0 })).toThrowError(
      RangeError,
      'Backoff.steps must be an integer >= 1, got 0',
    );
  });

  it('should refuse at once, as backoffDelays does, a backoff whose plan would not fit', () => {
    expect(() => planBackoff({ ...DefaultRetry, steps: 1e9 })).toThrowError(
      RangeError,
      'Backoff.steps must be at most 100000 to list the waits (or a cap must end the retries sooner), got 1000000000',
    );
  });
});
