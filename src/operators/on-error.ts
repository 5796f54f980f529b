import {
  Observable,
  Subscriber,
  type MonoTypeOperatorFunction,
  type Observer,
  type Subscription,
  type Unsubscribable,
} from 'rxjs';
import type { Backoff } from '../backoff/backoff.js';
import { startBackoff, stepBackoff, type BackoffState } from '../backoff/backoff-step.js';
import { toBackoffSpec } from '../backoff/validate-backoff.js';
import { checkFunction, checkRetryOptions } from './check-retry-options.js';
import type { RetryOptions } from './retry-options.js';
import { waitAtLeast } from './wait-at-least.js';

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
  checkFunction('retriable', retriable);
  const { scheduler, random, onRetry, onGiveUp, retryAfter, maxRetryAfter } = checkRetryOptions(options);

  return (source) =>
    new Observable<T>((subscriber) => {
      // Started at the first failure, so that a subscription that never fails (the common case) pays
      // nothing for it: performance.md's row "Made per call, happy path (no error)" (0.99× RxJS's
      // `retry` against a target of 1.02×) leaves no room for more work per subscription.
      let state: BackoffState | undefined;
      let attempt = 0;
      let inner: Subscription | undefined;
      let timer: Unsubscribable | undefined;
      let subscribing = false;
      let resubscribeNow = false;

      // Go's loop, turned inside out: each failed attempt decides whether and when to run the next.
      const observer: Observer<T> = {
        next: (value) => subscriber.next(value),
        complete: () => subscriber.complete(),
        error: (error: unknown) => {
          // Made at a failure only, for the same row as `state` above.
          function giveUp(error: unknown, ask?: number): void {
            try {
              onGiveUp({ attempts: attempt, error, ...(ask !== undefined && { retryAfter: ask }) });
            } catch (thrown: unknown) {
              error = thrown;
            }
            subscriber.error(error);
          }

          try {
            state ??= startBackoff(spec);
            if (!retriable(error)) return subscriber.error(error);
            // `retriable` unsubscribed: no wait follows, and nobody is left to give up to.
            if (subscriber.closed) return;
            // `steps === 1`: this was the last attempt Go's loop allows, so it breaks without a sleep.
            if (state.steps === 1) return giveUp(error);
            let waitMs = stepBackoff(spec, state, random) / 1e6;
            // Go's cap rule leaves no steps: wait once more, then give up with this error.
            const attemptFollows = state.steps > 0;
            // The server's ask, if it made one: client-go's REST client waits the larger of the two.
            let ask = retryAfter?.(error, scheduler.now());
            if (!(typeof ask === 'number' && ask >= 0)) ask = undefined;
            else if (ask > maxRetryAfter) return giveUp(error, ask);
            else if (ask > waitMs) waitMs = ask;
            onRetry({
              attempt,
              delay: waitMs,
              error,
              attemptFollows,
              ...(ask !== undefined && { retryAfter: ask }),
            });
            if (subscriber.closed) return; // `onRetry` unsubscribed
            if (waitMs > 0) {
              timer = waitAtLeast(scheduler, waitMs, attemptFollows ? retry : () => giveUp(error));
              return;
            }
          } catch (thrown: unknown) {
            return subscriber.error(thrown);
          }
          // A zero wait is only reached with steps left: the cap never ends a run of zero durations,
          // and an ask is never shorter than zero.
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
