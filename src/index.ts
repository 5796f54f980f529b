/**
 * Kubernetes client-go's `retry.RetryOnConflict`, `retry.OnError` and `wait.Backoff`, as RxJS
 * operators, with Go's waits to the nanosecond.
 *
 * - {@link retryOnConflict} resubscribes a cold read-modify-write when it fails with a 409
 *   Conflict ({@link isConflict}), after a jittered wait, so that each attempt reads afresh;
 *   {@link onError} does the same for any error a test of yours accepts.
 * - A {@link Backoff} says how long to wait and how many attempts to make; {@link DefaultRetry}
 *   and {@link DefaultBackoff} are client-go's presets, frozen.
 * - {@link backoffDelays} and {@link planBackoff} show a schedule before you ship it: the waits,
 *   the worst case, and whether Go's cap rule ends the retries early (the cap is not a maximum
 *   delay).
 *
 * The guides ship with the package, in its `docs/` folder: `docs/go-to-rxjs.md` (every Go name and
 * behaviour, and ours), `docs/recipes.md` (timeouts, fetch), `docs/angular.md`, `docs/plan.md` and
 * `docs/testing.md` (marble specs of code that retries).
 *
 * @example
 * ```ts
 * import { switchMap } from 'rxjs';
 * import { backoffDelays, DefaultRetry, retryOnConflict } from 'rxjs-retry-on-conflict';
 *
 * // With `http`, Angular's HttpClient: each retry runs the GET again, so the PUT carries the
 * // current revision.
 * const increment$ = http.get<Counter>('/api/counters/overview').pipe(
 *   switchMap((counter) => http.put<Counter>('/api/counters/overview', { ...counter, count: counter.count + 1 })),
 *   retryOnConflict(), // DefaultRetry
 * );
 * backoffDelays(DefaultRetry, () => 0); // [10, 10, 10, 10]: up to 5 attempts, 10 ms apart before jitter
 * ```
 *
 * @packageDocumentation
 */

export { DefaultBackoff, DefaultRetry, type Backoff } from './backoff/backoff.js';
export { backoffDelays } from './backoff/backoff-delays.js';
export { isConflict } from './conflict/is-conflict.js';
export {
  isInputError,
  type BackoffOverflow,
  type ForeignField,
  type ForeignFieldFix,
  type InputFacts,
  type InputError,
  type InputErrorInfo,
  type InvalidValue,
  type MissingFields,
  type UnreadableField,
} from './input/input-error.js';
export { onError } from './operators/on-error.js';
export type { GiveUpEvent, RetryEvent, RetryOptions } from './operators/retry-options.js';
export { retryOnConflict } from './operators/retry-on-conflict.js';
export { retryWhenServerAsks } from './operators/retry-when-server-asks.js';
export { asksForRetry } from './server-ask/asks-for-retry.js';
export { retryAfterMs } from './server-ask/retry-after.js';
export { planBackoff, type BackoffPlan, type PlannedWait, type PlanWarning } from './plan/plan-backoff.js';
