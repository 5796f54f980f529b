import { backoffSchedule as scheduleOfSpec } from '../../src/backoff/backoff-schedule.js';
import { toBackoffSpec } from '../../src/backoff/validate-backoff.js';
import { backoffDelays, DefaultBackoff, DefaultRetry, type Backoff } from '../../src/index.js';

const backoffSchedule = (backoff: Backoff, random: () => number) =>
  scheduleOfSpec(toBackoffSpec(backoff), random);

describe('backoffSchedule', () => {
  it("says the cap rule ended the run when the duration passed the cap, with Go's shorter schedule", () => {
    // 10 → 20 → 40 > 30: the 20 ms wait is the last, and no attempt follows it.
    expect(backoffSchedule({ duration: 10, factor: 2, jitter: 0, steps: 6, cap: 30 }, Math.random)).toEqual({
      delaysMs: [10, 20],
      capEndsRetries: true,
    });
  });

  it('says the steps ended the run when the duration reaches the cap exactly, or no cap is set', () => {
    // 10 → 20 → 40, not above the cap: the third attempt follows the second wait, and ends the run.
    const reachesCap: Backoff = { duration: 10, factor: 2, jitter: 0, steps: 3, cap: 40 };
    expect(backoffSchedule(reachesCap, Math.random)).toEqual({
      delaysMs: [10, 20],
      capEndsRetries: false,
    });
    expect(backoffSchedule(DefaultBackoff, () => 0)).toEqual({
      delaysMs: [10, 50, 250],
      capEndsRetries: false,
    });
  });

  it('says the cap rule ended the run when it ends it on the last step there was', () => {
    // 10 → 20 → 40 > 30 on the second step, which was also the last wait steps allowed.
    expect(backoffSchedule({ duration: 10, factor: 2, jitter: 0, steps: 3, cap: 30 }, Math.random)).toEqual({
      delaysMs: [10, 20],
      capEndsRetries: true,
    });
  });

  it('gives the waits of backoffDelays for the same random numbers', () => {
    const randoms = [0.1, 0.9, 0.5, 0.3];
    const replay = () => {
      let i = 0;
      return () => randoms[i++ % randoms.length]!;
    };
    expect(backoffSchedule(DefaultRetry, replay()).delaysMs).toEqual(backoffDelays(DefaultRetry, replay()));
  });
});
