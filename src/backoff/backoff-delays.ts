import type { Backoff } from './backoff.js';
import { startBackoff, stepBackoff } from './backoff-step.js';
import { toBackoffSpec } from './validate-backoff.js';

/**
 * The waits, in milliseconds, that {@link onError} makes when every attempt fails: exactly the
 * sleeps of client-go's `retry.OnError`, one fewer than `steps` (or fewer still when the cap ends
 * the retries, Go's cap rule). Pure and synchronous: use it to see or test a schedule without RxJS.
 *
 * `random` is called once per wait when `jitter > 0`, never otherwise, as Go calls `rand.Float64`.
 * Multiply a wait by 1e6 and round to get Go's `time.Duration` in nanoseconds.
 *
 * @param backoff - the schedule; throws a `RangeError`/`TypeError` naming the field if it is invalid.
 * @param random - source of numbers in [0, 1); defaults to `Math.random`.
 * @returns one wait per retry, in order.
 *
 * @example
 * ```ts
 * import { backoffDelays, DefaultBackoff } from 'rxjs-retry-on-conflict';
 *
 * backoffDelays(DefaultBackoff, () => 0); // [10, 50, 250]
 * backoffDelays({ duration: 10, factor: 2, jitter: 0, steps: 6, cap: 30 }); // [10, 20, 40]: cap rule
 * ```
 */
export function backoffDelays(backoff: Backoff, random: () => number = Math.random): number[] {
  const spec = toBackoffSpec(backoff);
  const state = startBackoff(spec);
  const delays: number[] = [];
  // Go's ExponentialBackoff loop: no sleep after the last attempt, none once the cap ended the steps.
  while (state.steps > 1) {
    delays.push(stepBackoff(spec, state, random) / 1e6);
  }
  return delays;
}
