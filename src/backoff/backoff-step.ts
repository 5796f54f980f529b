import { BELOW_LONGEST_DURATION, invalid, MAX_DURATION_NS, type BackoffSpec } from './validate-backoff.js';

/**
 * A backoff in use: Go's `Backoff` value, which `Step()` changes. Every run starts its own from the
 * spec, so runs never share steps or durations.
 * @internal
 */
export interface BackoffRun {
  /** Attempts still allowed, counting the one just made: Go's `Steps`. 0 once the cap ended the run. */
  steps: number;
  /**
   * Go's `Backoff.Step()` for `steps >= 1`: returns the next wait in nanoseconds and advances the
   * run. The arithmetic is Go's: `time.Duration` is an int64, so both `Duration * Factor` and the
   * jitter term are truncated toward zero, and the jitter product is formed as
   * `rand * jitter * duration`, in that order, so that the same random numbers give the same waits
   * to the nanosecond.
   */
  step(): number;
}

/** @internal */
export function startBackoff(
  { durationNs, factor, jitter, steps, capNs }: BackoffSpec,
  random: () => number,
): BackoffRun {
  const run: BackoffRun = {
    steps,
    step() {
      run.steps--;
      let waitNs = durationNs;
      if (factor !== 0) {
        durationNs = Math.trunc(durationNs * factor);
        if (capNs > 0 && durationNs > capNs) {
          // Go's cap rule: the wait being taken is the last one.
          durationNs = capNs;
          run.steps = 0;
        }
      }
      if (jitter > 0) {
        const r = random();
        if (typeof r !== 'number' || !(r >= 0 && r < 1))
          invalid(RangeError, 'RetryOptions.random', 'return a number in [0, 1)', r);
        waitNs += Math.trunc(r * jitter * waitNs);
      }
      if (waitNs >= MAX_DURATION_NS) {
        // Go's int64 would wrap to a negative wait and retry at once; an honest error is better.
        invalid(
          RangeError,
          'Backoff overflow: each wait (set Backoff.cap)',
          BELOW_LONGEST_DURATION,
          waitNs / 1e6,
        );
      }
      return waitNs;
    },
  };
  return run;
}
