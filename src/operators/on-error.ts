import {
  asyncScheduler,
  Observable,
  Subscriber,
  type MonoTypeOperatorFunction,
  type Observer,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';
import type { Backoff } from '../backoff/backoff.js';
import { startBackoff, stepBackoff, type BackoffState } from '../backoff/backoff-step.js';
import { invalid, toBackoffSpec } from '../backoff/validate-backoff.js';

/**
 * What {@link RetryOptions.onRetry} is told before each wait.
 *
 * @example
 * ```ts
 * const log = ({ attempt, delay, error }: RetryEvent) =>
 *   console.warn(`attempt ${attempt} failed (${String(error)}); waiting ${delay.toFixed(1)}ms`);
 * ```
 */
export interface RetryEvent {
  /** The attempt that just failed, counting from 1 (the first subscription is attempt 1). */
  readonly attempt: number;
  /** The wait about to begin, in milliseconds (jitter included). */
  readonly delay: number;
  /** The retriable error that attempt failed with. */
  readonly error: unknown;
}

/**
 * Options shared by {@link onError} and {@link retryOnConflict}.
 *
 * @example
 * ```ts
 * import { retryOnConflict, type RetryOptions } from 'rxjs-retry-on-conflict';
 *
 * const options: RetryOptions = {
 *   onRetry: ({ attempt, delay }) => console.warn(`conflict on attempt ${attempt}, retrying in ${delay}ms`),
 * };
 * update$.pipe(retryOnConflict(undefined, options));
 * ```
 */
export interface RetryOptions {
  /** Where the waits are scheduled. Default: `asyncScheduler`. Pass a `TestScheduler` in tests. */
  readonly scheduler?: SchedulerLike;
  /**
   * Source of the jitter, returning numbers in [0, 1). Default: `Math.random`. Inject a fixed
   * sequence to make jittered waits exact in tests. A value outside [0, 1) is delivered to the
   * subscriber as a `RangeError`.
   */
  readonly random?: () => number;
  /**
   * Called before each wait, with the attempt that failed, the wait and the error; for logging and
   * metrics. Also called before the final wait that Go's cap rule ends with (no attempt follows it).
   * If it throws, the thrown error is delivered to the subscriber and retrying stops.
   */
  readonly onRetry?: (event: RetryEvent) => void;
}

/** Node and browsers fire a longer timer at once; such a wait is taken in pieces. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * Resubscribes to the source when it fails with an error that `retriable` accepts, waiting between
 * attempts as `backoff` says: client-go's `retry.OnError`, with "calling fn" read as "subscribing to
 * the source". The source is subscribed at most `backoff.steps` times; when the retries run out,
 * the last retriable error itself (not a wrapper) is delivered, after the same waits as Go's.
 * A non-retriable error passes through at once. Values and completion pass through.
 *
 * Each subscription to the result runs its own backoff, so one operator can be shared. The source
 * must be cold (each subscription does the work anew, like `defer` or an `HttpClient` call) for a
 * retry to be a new attempt. A zero wait resubscribes in the same tick, without growing the stack.
 *
 * @param backoff - the schedule; checked now: an invalid field throws a `RangeError` or `TypeError`.
 * @param retriable - whether an error is worth another attempt; if it throws, that error is delivered.
 * @param options - scheduler, jitter source and retry hook; see {@link RetryOptions}.
 *
 * @example
 * ```ts
 * import { defer } from 'rxjs';
 * import { DefaultBackoff, onError } from 'rxjs-retry-on-conflict';
 *
 * const isTransient = (error: unknown) => [502, 503, 504].includes((error as { status?: number })?.status ?? 0);
 *
 * defer(() => fetch('/api/report')).pipe(onError(DefaultBackoff, isTransient)).subscribe(render);
 * ```
 */
export function onError<T>(
  backoff: Backoff,
  retriable: (error: unknown) => boolean,
  options: RetryOptions = {},
): MonoTypeOperatorFunction<T> {
  const spec = toBackoffSpec(backoff);
  if (typeof options !== 'object' || options === null)
    invalid(TypeError, 'RetryOptions', 'be an object', options);
  const { scheduler = asyncScheduler, random = Math.random, onRetry = ignoreRetry } = options;
  for (const [name, value] of Object.entries({
    retriable,
    'RetryOptions.random': random,
    'RetryOptions.onRetry': onRetry,
    'RetryOptions.scheduler.schedule': (scheduler as Partial<SchedulerLike> | null)?.schedule,
  })) {
    if (typeof value !== 'function') invalid(TypeError, name, 'be a function', value);
  }

  return (source) =>
    new Observable<T>((subscriber) => {
      // Started at the first failure: a subscription that never fails (the common case) pays nothing.
      let state: BackoffState | undefined;
      let attempt = 0;
      let inner: Subscription | undefined;
      let timer: Subscription | undefined;
      let subscribing = false;
      let resubscribeNow = false;

      // Go's loop, turned inside out: each failed attempt decides whether and when to run the next.
      const observer: Observer<T> = {
        next: (value) => subscriber.next(value),
        complete: () => subscriber.complete(),
        error: (error: unknown) => {
          try {
            state ??= startBackoff(spec);
            // `steps === 1`: this was the last attempt Go's loop allows, so it breaks without a sleep.
            if (!retriable(error) || state.steps === 1) return subscriber.error(error);
            // `retriable` unsubscribed: no wait follows, so there is no retry to announce.
            if (subscriber.closed) return;
            const waitMs = stepBackoff(spec, state, random) / 1e6;
            onRetry({ attempt, delay: waitMs, error });
            if (subscriber.closed) return; // `onRetry` unsubscribed
            if (waitMs > 0) {
              // Go's cap rule leaves no steps: wait once more, then give up with this error.
              wait(waitMs, state.steps > 0 ? retry : () => subscriber.error(error));
              return;
            }
          } catch (thrown: unknown) {
            return subscriber.error(thrown);
          }
          // A zero wait is only reached with steps left: the cap never ends a run of zero durations.
          if (subscribing) resubscribeNow = true;
          else retry();
        },
      };

      // A wait longer than a timer can hold is taken in pieces, each its own action, so that `timer`
      // is always the one pending and no chain of spent actions builds up (a virtual scheduler's
      // action that reschedules itself makes a new one, held by the old).
      function wait(delayMs: number, done: () => void): void {
        const pieceMs = Math.min(delayMs, LONGEST_TIMER_MS);
        timer = scheduler.schedule(delayMs > pieceMs ? () => wait(delayMs - pieceMs, done) : done, pieceMs);
      }

      function retry(): void {
        // The failed attempt is torn down before the next one starts.
        inner?.unsubscribe();
        // A loop, not recursion: a source that fails synchronously with zero waits would otherwise
        // add stack frames for every attempt.
        do {
          resubscribeNow = false;
          attempt++;
          subscribing = true;
          // A Subscriber, which `subscribe` takes as it is, held in `inner` before the source runs:
          // a subscriber that leaves during a synchronous emission then closes the attempt, and a
          // synchronous source (`from`, `range`) stops instead of emitting on to no one. RxJS 7 marks
          // this constructor internal (v8 hides it, hence the peer range ^7.8); the alternative, an
          // Observable layered around each attempt, costs a second subscription per attempt.
          source.subscribe((inner = new Subscriber<T>(observer)));
          subscribing = false;
        } while (resubscribeNow && !subscriber.closed);
      }

      // Added before the first attempt, so that it also runs when the subscriber leaves during it.
      subscriber.add(() => {
        timer?.unsubscribe();
        inner?.unsubscribe();
      });
      retry();
    });
}

function ignoreRetry(): void {}
