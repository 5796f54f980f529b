import type { SchedulerLike } from 'rxjs';

/**
 * What {@link RetryOptions.onRetry} is told before each wait.
 *
 * @example
 * ```ts
 * const log = ({ attempt, delay, error, attemptFollows }: RetryEvent) =>
 *   console.warn(
 *     `attempt ${attempt} failed (${String(error)}); waiting ${delay.toFixed(1)}ms` +
 *       (attemptFollows ? '' : ', then giving up (cap reached)'),
 *   );
 * ```
 */
export interface RetryEvent {
  /** The attempt that just failed, counting from 1 (the first subscription is attempt 1). */
  readonly attempt: number;
  /** The wait about to begin, in milliseconds (jitter included). */
  readonly delay: number;
  /** The retriable error that attempt failed with. */
  readonly error: unknown;
  /**
   * Whether another attempt follows this wait. `false` only for the last wait of Go's cap rule:
   * the duration passed `cap`, so the error is delivered when the wait ends, with no new attempt.
   * Count retries with the events where it is `true`.
   */
  readonly attemptFollows: boolean;
}

/**
 * What {@link RetryOptions.onGiveUp} is told when the retries have run out.
 *
 * @example
 * ```ts
 * const report = ({ attempts, error }: GiveUpEvent) =>
 *   console.error(`gave up after ${attempts} attempts: ${String(error)}`);
 * ```
 */
export interface GiveUpEvent {
  /** How many attempts were made (subscriptions to the source), all failed. */
  readonly attempts: number;
  /** The last retriable error, about to be delivered to the subscriber. */
  readonly error: unknown;
}

/**
 * Options shared by {@link onError} and {@link retryOnConflict}.
 *
 * @example
 * ```ts
 * import { defer } from 'rxjs';
 * import { retryOnConflict, type RetryOptions } from 'rxjs-retry-on-conflict';
 *
 * const update$ = defer(async () => ({ count: 42 })); // a read-modify-write of yours
 * // Metrics: a retry is a wait followed by an attempt; a give-up is a run whose retries ran out.
 * const metrics = { retries: 0, giveUps: 0 };
 * const options: RetryOptions = {
 *   onRetry: ({ attemptFollows }) => {
 *     if (attemptFollows) metrics.retries++;
 *   },
 *   onGiveUp: () => metrics.giveUps++,
 * };
 * update$.pipe(retryOnConflict(undefined, options));
 * ```
 */
export interface RetryOptions {
  /**
   * Where the waits are scheduled, and whose clock (`now()`) they are measured by. Default:
   * `asyncScheduler`. Pass a `TestScheduler` or `VirtualTimeScheduler` in tests.
   */
  readonly scheduler?: SchedulerLike;
  /**
   * Source of the jitter, returning numbers in [0, 1). Default: `Math.random`. Inject a fixed
   * sequence to make jittered waits exact in tests. A value outside [0, 1) is delivered to the
   * subscriber as a `RangeError`.
   */
  readonly random?: () => number;
  /**
   * Called before each wait, with the attempt that failed, the wait, the error and whether an
   * attempt follows the wait (not after the final wait of Go's cap rule); for logging and metrics.
   * If it throws, the thrown error is delivered to the subscriber and retrying stops.
   */
  readonly onRetry?: (event: RetryEvent) => void;
  /**
   * Called once, just before the last retriable error is delivered because the retries ran out:
   * `steps` attempts failed, or the final wait of Go's cap rule ended. Never for an error that
   * `retriable` refuses (it passes through at once), never after unsubscribing. If it throws, the
   * thrown error is delivered instead.
   */
  readonly onGiveUp?: (event: GiveUpEvent) => void;
}
