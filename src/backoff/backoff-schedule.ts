import { invalid } from '../input/invalid.js';
import type { BackoffSpec } from './backoff-spec.js';
import { startBackoff, stepBackoff } from './backoff-step.js';

/**
 * The most attempts a listing of waits (`backoffDelays`, `planBackoff`, the `plan` command) lays
 * out: 99,999 waits at most. A longer list would take seconds and gigabytes to build (a billion
 * steps end Node), and nobody reads it; the operator itself has no such bound.
 * @internal
 */
export const MAX_LISTED_STEPS = 100_000;

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
 * A backoff whose list would pass {@link MAX_LISTED_STEPS} attempts throws a `RangeError` naming
 * the bound, before any wait is listed or `random` called.
 *
 * @param spec - the backoff, checked by `toBackoffSpec`.
 * @param random - called as it is: a caller with a user's `random` passes it through `checkedRandom`.
 * @internal
 */
export function backoffSchedule(spec: BackoffSpec, random: () => number): BackoffSchedule {
  if (spec.steps > MAX_LISTED_STEPS && !capEndsWithin(spec, MAX_LISTED_STEPS))
    invalid(
      RangeError,
      'Backoff.steps',
      `be at most ${MAX_LISTED_STEPS} to list the waits (or a cap must end the retries sooner)`,
      spec.steps,
    );
  const state = startBackoff(spec);
  const delaysMs: number[] = [];
  // Go's ExponentialBackoff loop: no sleep after the last attempt, none once the cap ended the steps.
  while (state.steps > 1) {
    delaysMs.push(stepBackoff(spec, state, random) / 1e6);
  }
  return { delaysMs, capEndsRetries: state.steps === 0 };
}

/** Whether Go's cap rule ends the run within `steps` attempts; the jitter does not change that. */
function capEndsWithin(spec: BackoffSpec, steps: number): boolean {
  const state = startBackoff({ ...spec, steps });
  while (state.steps > 1) stepBackoff(spec, state, noJitter);
  return state.steps === 0;
}

const noJitter = (): number => 0;
