import { BELOW_LONGEST_DURATION, invalid, MAX_DURATION_NS, type BackoffSpec } from './validate-backoff.js';

/**
 * The part of a backoff that changes as it is used: Go's `Backoff` value after some `Step()` calls.
 * Every run starts its own from the spec, so runs never share steps or durations.
 * @internal
 */
export interface BackoffState {
  durationNs: number;
  steps: number;
}

/** @internal */
export function startBackoff(spec: BackoffSpec): BackoffState {
  return { durationNs: spec.durationNs, steps: spec.steps };
}

/**
 * Go's `Backoff.Step()` for `steps >= 1`: returns the next wait in nanoseconds and advances the
 * state. The arithmetic is Go's: `time.Duration` is an int64, so both `Duration * Factor` and the
 * jitter term are truncated toward zero, and the jitter product is formed as
 * `rand * jitter * duration`, in that order, so that the same random numbers give the same waits
 * to the nanosecond.
 * @internal
 */
export function stepBackoff(spec: BackoffSpec, state: BackoffState, random: () => number): number {
  state.steps--;
  const durationNs = state.durationNs;
  if (spec.factor !== 0) {
    state.durationNs = Math.trunc(durationNs * spec.factor);
    if (spec.capNs > 0 && state.durationNs > spec.capNs) {
      // Go's cap rule: the wait being taken is the last one.
      state.durationNs = spec.capNs;
      state.steps = 0;
    }
  }
  let waitNs = durationNs;
  if (spec.jitter > 0) {
    const r = random();
    if (typeof r !== 'number' || !(r >= 0 && r < 1))
      invalid(RangeError, 'RetryOptions.random', 'return a number in [0, 1)', r);
    waitNs = durationNs + Math.trunc(r * spec.jitter * durationNs);
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
}
