import { InjectionToken } from '@angular/core';
import type { SchedulerLike } from 'rxjs';
import type { Backoff } from '../backoff/backoff.js';
import type { GiveUpEvent, RetryEvent } from '../operators/on-error.js';

/**
 * An application's way of retrying conflicts, set once with {@link provideRetryOnConflict}: the
 * arguments of `retryOnConflict`, as one object. Every field is optional; what is left out is the
 * library's default.
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
export interface RetryOnConflictPolicy {
  /** The waits between attempts and how many attempts there are. Default: `DefaultRetry`. */
  readonly backoff?: Backoff;
  /** Called before each wait with the attempt that failed, the wait and the 409; for logs and metrics. */
  readonly onRetry?: (event: RetryEvent) => void;
  /** Called once when the retries run out, just before the last 409 reaches the subscriber. */
  readonly onGiveUp?: (event: GiveUpEvent) => void;
  /** Where the waits are scheduled. Default: `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** Source of the jitter, numbers in [0, 1). Default: `Math.random`. */
  readonly random?: () => number;
}

/**
 * The application's {@link RetryOnConflictPolicy}; the library's defaults when none is provided.
 * @internal
 */
export const RETRY_ON_CONFLICT_POLICY = new InjectionToken<RetryOnConflictPolicy>(
  'RETRY_ON_CONFLICT_POLICY',
  {
    providedIn: 'root',
    factory: () => ({}),
  },
);

/**
 * A scheduler that replaces the policy's own, whatever the order of the providers: set by
 * `provideRetryOnConflictTesting`, so that a test keeps the app's backoff and hook but not its waits.
 * @internal
 */
export const RETRY_ON_CONFLICT_SCHEDULER_OVERRIDE = new InjectionToken<SchedulerLike>(
  'RETRY_ON_CONFLICT_SCHEDULER_OVERRIDE',
);
