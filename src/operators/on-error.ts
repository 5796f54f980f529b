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
import { invalid } from '../backoff/invalid.js';
import { toBackoffSpec } from '../backoff/validate-backoff.js';

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
 * import { retryOnConflict, type RetryOptions } from 'rxjs-retry-on-conflict';
 *
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
 * As Go's `time.Sleep`, a wait never ends early: the next attempt starts no sooner than the wait
 * after the failure, by the scheduler's clock, even when a timer fires ahead of it.
 *
 * `fetch` resolves on any HTTP status: throw the response when it is not `ok`, so that the status
 * reaches `retriable` (and {@link isConflict}, which reads a thrown `Response`).
 *
 * @param backoff - the schedule; checked now: an invalid field, or a wait that could pass Go's
 *   longest duration, throws a `RangeError` or `TypeError`.
 * @param retriable - whether an error is worth another attempt; if it throws, that error is delivered.
 * @param options - scheduler, jitter source and hooks; see {@link RetryOptions}.
 *
 * @example
 * ```ts
 * import { defer } from 'rxjs';
 * import { DefaultBackoff, onError } from 'rxjs-retry-on-conflict';
 *
 * const isTransient = (error: unknown) => [502, 503, 504].includes((error as { status?: number })?.status ?? 0);
 *
 * const report$ = defer(() =>
 *   fetch('/api/report').then((response) => {
 *     if (!response.ok) throw response; // a 503 resolves: make it an error, carrying its status
 *     return response.json();
 *   }),
 * ).pipe(onError(DefaultBackoff, isTransient));
 * report$.subscribe(render);
 * ```
 */
export function onError<T>(
  backoff: Backoff,
  retriable: (error: unknown) => boolean,
  options?: RetryOptions,
): MonoTypeOperatorFunction<T> {
  const spec = toBackoffSpec(backoff);
  // Plain statements, and nothing destructured when no options are given: an operator is often made
  // per call, so its making should cost about what RxJS's `retry` costs.
  let scheduler: SchedulerLike = asyncScheduler;
  let random = Math.random;
  let onRetry: (event: RetryEvent) => void = ignore;
  let onGiveUp: (event: GiveUpEvent) => void = ignore;
  if (options !== undefined) {
    if (typeof options !== 'object' || options === null)
      invalid(TypeError, 'RetryOptions', 'be an object', options);
    ({ scheduler = scheduler, random = random, onRetry = onRetry, onGiveUp = onGiveUp } = options);
  }
  checkFunction('retriable', retriable);
  checkFunction('RetryOptions.random', random);
  checkFunction('RetryOptions.onRetry', onRetry);
  checkFunction('RetryOptions.onGiveUp', onGiveUp);
  if (typeof scheduler?.schedule !== 'function' || typeof scheduler.now !== 'function')
    invalid(TypeError, 'RetryOptions.scheduler', 'be a SchedulerLike (with schedule() and now())', scheduler);

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
          // Made at a failure only: a subscription that never fails pays nothing for them.
          function giveUp(error: unknown): void {
            try {
              onGiveUp({ attempts: attempt, error });
            } catch (thrown: unknown) {
              error = thrown;
            }
            subscriber.error(error);
          }

          // Waits until the scheduler's clock reads `end`. A timer may fire before its time by that
          // clock (Node counts from a clock cached at the start of the event loop's turn), and one
          // longer than a timer can hold is taken in pieces: either way the rest is scheduled anew, so
          // the wait never ends early. Each piece is its own action, so that `timer` is always the one
          // pending and no chain of spent actions builds up (a virtual scheduler's action that
          // reschedules itself makes a new one, held by the old). On a virtual clock a timer fires on
          // time to the same double, so nothing more is scheduled.
          function wait(end: number, leftMs: number, done: () => void): void {
            timer = scheduler.schedule(
              () => {
                const left = end - scheduler.now();
                if (left > 0) wait(end, left, done);
                else done();
              },
              Math.min(leftMs, LONGEST_TIMER_MS),
            );
          }

          try {
            state ??= startBackoff(spec);
            if (!retriable(error)) return subscriber.error(error);
            // `retriable` unsubscribed: no wait follows, and nobody is left to give up to.
            if (subscriber.closed) return;
            // `steps === 1`: this was the last attempt Go's loop allows, so it breaks without a sleep.
            if (state.steps === 1) return giveUp(error);
            const waitMs = stepBackoff(spec, state, random, 'RetryOptions.random') / 1e6;
            // Go's cap rule leaves no steps: wait once more, then give up with this error.
            const attemptFollows = state.steps > 0;
            onRetry({ attempt, delay: waitMs, error, attemptFollows });
            if (subscriber.closed) return; // `onRetry` unsubscribed
            if (waitMs > 0) {
              const end = scheduler.now() + waitMs;
              wait(end, waitMs, attemptFollows ? retry : () => giveUp(error));
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

      function retry(): void {
        // The failed attempt is torn down before the next one starts.
        inner?.unsubscribe();
        // A loop, not recursion: a source that fails synchronously with zero waits would otherwise
        // add stack frames for every attempt.
        do {
          resubscribeNow = false;
          attempt++;
          subscribing = true;
          source.subscribe((inner = attemptSubscriber(observer)));
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

/**
 * Each attempt's subscriber, made directly: `subscribe` takes a `Subscriber` as it is, so it is held
 * in `inner` before the source runs. A subscriber that leaves during a synchronous emission then
 * closes the attempt, and a synchronous source (`from`, `range`) stops instead of emitting on to no
 * one. The alternative, an Observable layered around each attempt, costs a second subscription per
 * attempt. RxJS 7 documents this constructor as internal; RxJS 8 deprecates it in favour of a public
 * `operate()` (it does not hide it): this is the one place to change then.
 */
function attemptSubscriber<T>(observer: Observer<T>): Subscriber<T> {
  return new Subscriber<T>(observer);
}

function checkFunction(name: string, value: unknown): void {
  if (typeof value !== 'function') invalid(TypeError, name, 'be a function', value);
}

function ignore(): void {}
