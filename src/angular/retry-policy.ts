import type { Backoff } from '../backoff/backoff.js';
import type { RetryOptions } from '../operators/retry-options.js';

/**
 * An application's way of retrying conflicts, set once with {@link provideRetryOnConflict}: the
 * arguments of `retryOnConflict`, as one object, that is its {@link RetryOptions} (`onRetry`,
 * `onGiveUp`, `scheduler`, `random`, documented there) and the backoff. Every field is optional;
 * what is left out is the library's default.
 *
 * @example
 * ```ts
 * import type { RetryOnConflictPolicy } from 'rxjs-retry-on-conflict/angular';
 *
 * const busyCounters: RetryOnConflictPolicy = {
 *   backoff: { duration: 25, factor: 1.2, jitter: 1, steps: 40 },
 *   onRetry: ({ attempt, delay }) => console.warn(`conflict on attempt ${attempt}; again in ${delay}ms`),
 * };
 * ```
 */
export interface RetryOnConflictPolicy extends RetryOptions {
  /** The waits between attempts and how many attempts there are. Default: `DefaultRetry`. */
  readonly backoff?: Backoff;
}
