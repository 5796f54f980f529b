import type { MonoTypeOperatorFunction } from 'rxjs';
import type { Backoff } from '../backoff/backoff.js';
import { asksForRetry } from '../server-ask/asks-for-retry.js';
import { retryAfterMs } from '../server-ask/retry-after.js';
import { onError } from './on-error.js';
import type { RetryOptions } from './retry-options.js';

/**
 * client-go's REST client: up to `maxRetries` (10) retries, so 11 attempts, and no wait of its own
 * (its default backoff manager waits nothing): each wait is the one the server asked for.
 */
const REST_CLIENT_RETRY: Backoff = /* @__PURE__ */ Object.freeze({
  steps: 11,
  duration: 0,
  factor: 1,
  jitter: 0,
});

/**
 * Retries a request when the server says when: client-go's REST client rule. An error that is a
 * **429 Too Many Requests, or any 5xx, and carries an ask** ({@link asksForRetry}) is retried after
 * the wait it asks for ({@link retryAfterMs}: `Retry-After` in seconds or as an HTTP-date, or a
 * Kubernetes Status's `details.retryAfterSeconds`), or after the backoff's wait if that is longer.
 * Any other error passes through at once: without an ask the server has not said that the request
 * may be repeated, nor when. An ask longer than `maxRetryAfter` (default: a minute) is not waited
 * for: the error is delivered at once.
 *
 * It is {@link onError} with `asksForRetry` as the test and `retryAfterMs` as `retryAfter`; by
 * default 11 attempts, as client-go's `maxRetries` of 10, with no wait of the backoff's own
 * (`{ steps: 11, duration: 0, factor: 1, jitter: 0 }`). Pass a backoff for more or fewer attempts,
 * or for a floor under the server's waits; pass options for hooks, a scheduler, a bound or a reader
 * of your own.
 *
 * Retrying sends the request again: use it on requests that may be sent twice (GET, PUT, DELETE),
 * or on ones the server refused before doing anything, which is what a 429 says. With
 * {@link retryOnConflict} in one pipe, put this one first: as in client-go, where the REST client
 * repeats each request the server asked it to and `RetryOnConflict` wraps the whole
 * read-modify-write, a throttled request is repeated on its own and does not spend a conflict
 * attempt, while a 409 (which this operator passes through at once) reaches `retryOnConflict`,
 * which runs the read again.
 *
 * @param backoff - the attempts, and a floor under each wait; default: 11 attempts, no floor.
 * @param options - scheduler, hooks, `maxRetryAfter`, or a `retryAfter` reader other than
 *   {@link retryAfterMs}; see {@link RetryOptions}.
 *
 * @example
 * ```ts
 * import { defer, switchMap } from 'rxjs';
 * import { retryOnConflict, retryWhenServerAsks } from 'rxjs-retry-on-conflict';
 *
 * // A 429 or 503 with Retry-After: wait as asked, send again. A 409: read again, redo, write again.
 * const increment$ = defer(() => http.get<Counter>(url)).pipe(
 *   switchMap((counter) => http.put<Counter>(url, { ...counter, count: counter.count + 1 })),
 *   retryWhenServerAsks(),
 *   retryOnConflict(),
 * );
 * ```
 */
export function retryWhenServerAsks<T>(
  backoff: Backoff = REST_CLIENT_RETRY,
  options?: RetryOptions,
): MonoTypeOperatorFunction<T> {
  // Options that are no object reach onError as they are, which names them in its error.
  const withReader =
    options === undefined
      ? { retryAfter: retryAfterMs }
      : typeof options === 'object' && options !== null
        ? { ...options, retryAfter: options.retryAfter ?? retryAfterMs }
        : options;
  return onError<T>(backoff, asksForRetry, withReader);
}
