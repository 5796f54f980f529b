import type { BackoffSpec } from './backoff-spec.js';

/**
 * The part of a backoff that changes as it is used: Go's `Backoff` value after some `Step()` calls.
 * Every run starts its own from the spec, so runs never share steps or durations.
 * @internal
 */
export interface BackoffState {
  durationNs: number;
  /**
   * Go's `Steps`: attempts still allowed, the one being made included. `0` only after Go's cap rule
   * ended the run: the wait just stepped is the last, and no attempt follows it.
   */
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
 * to the nanosecond. No wait can pass Go's longest duration: `toBackoffSpec` refused such specs.
 *
 * @param random - called once when `jitter > 0`, never otherwise; its value is taken as it is, so a
 *   caller with a user's `random` passes it through `checkedRandom`.
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
  if (spec.jitter > 0) {
    return durationNs + Math.trunc(random() * spec.jitter * durationNs);
  }
  return durationNs;
}
