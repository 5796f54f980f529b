import { invalid } from '../input/invalid.js';
import type { Backoff } from './backoff.js';
import { backoffSchedule } from './backoff-schedule.js';
import { checkedRandom } from './checked-random.js';
import { toBackoffSpec } from './validate-backoff.js';

/**
 * The waits, in milliseconds, that {@link onError} makes when every attempt fails: exactly the
 * sleeps of client-go's `retry.OnError`, one fewer than `steps` (or fewer still when the cap ends
 * the retries, Go's cap rule). Pure and synchronous: use it to see or test a schedule without RxJS.
 *
 * `random` is called once per wait when `jitter > 0`, never otherwise, as Go calls `rand.Float64`.
 * Multiply a wait by 1e6 and round to get Go's `time.Duration` in nanoseconds.
 *
 * @param backoff - the schedule; throws a `RangeError`/`TypeError` naming the field if it is invalid,
 *   or a `RangeError` if a wait could pass Go's longest duration (2^63 - 1 ns) whatever `random` returns.
 * @param random - source of numbers in [0, 1); defaults to `Math.random`. A value outside [0, 1) throws
 *   a `RangeError`.
 * @returns one wait per retry, in order.
 *
 * @example
 * ```ts
 * import { backoffDelays, DefaultBackoff } from 'rxjs-retry-on-conflict';
 *
 * backoffDelays(DefaultBackoff, () => 0); // [10, 50, 250]
 * // Go's cap rule: 10, then 20 (the next duration, 40, passes the cap), then no further attempt.
 * backoffDelays({ duration: 10, factor: 2, jitter: 0, steps: 6, cap: 30 }); // [10, 20]
 * ```
 */
export function backoffDelays(backoff: Backoff, random: () => number = Math.random): number[] {
  const name = 'backoffDelays: random';
  const spec = toBackoffSpec(backoff);
  if (typeof random !== 'function') invalid(TypeError, name, 'be a function', random);
  return backoffSchedule(spec, checkedRandom(random, name)).delaysMs;
}
