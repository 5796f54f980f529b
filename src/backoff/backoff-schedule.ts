import type { BackoffSpec } from './backoff-spec.js';
import { startBackoff, stepBackoff } from './backoff-step.js';

/**
 * Every wait of a run whose attempts all fail, and whether Go's cap rule ended it (then the last
 * wait is followed by the last error, not by an attempt, and fewer than `steps - 1` waits are made).
 * @internal
 */
export interface BackoffSchedule {
  readonly delaysMs: number[];
  readonly capEndsRetries: boolean;
}

/**
 * The schedule behind {@link backoffDelays}, with the cap rule's verdict from the stepper itself,
 * so that a caller need not run the schedule again with one more step to learn it.
 *
 * @param spec - the backoff, checked by `toBackoffSpec`.
 * @param random - called as it is: a caller with a user's `random` passes it through `checkedRandom`.
 * @internal
 */
export function backoffSchedule(spec: BackoffSpec, random: () => number): BackoffSchedule {
  const state = startBackoff(spec);
  const delaysMs: number[] = [];
  // Go's ExponentialBackoff loop: no sleep after the last attempt, none once the cap ended the steps.
  while (state.steps > 1) {
    delaysMs.push(stepBackoff(spec, state, random) / 1e6);
  }
  return { delaysMs, capEndsRetries: state.steps === 0 };
}
