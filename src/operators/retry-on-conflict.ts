import type { MonoTypeOperatorFunction } from 'rxjs';
import { DefaultRetry, type Backoff } from '../backoff/backoff.js';
import { isConflict } from '../conflict/is-conflict.js';
import { onError } from './on-error.js';
import type { RetryOptions } from './retry-options.js';

/**
 * Retries a read-modify-write when the server answers **409 Conflict**: client-go's
 * `retry.RetryOnConflict`. It is {@link onError} with {@link isConflict} as the test, and
 * {@link DefaultRetry} (5 attempts, ~10ms apart) unless you pass a backoff.
 *
 * A conflict means the resource changed since you read it, so the retried observable must read it
 * again: put the GET *inside* what you retry (`defer`, or a `switchMap` from the GET to the PUT),
 * never just the PUT with the stale body. When the retries run out, the last 409 error itself
 * reaches the subscriber.
 *
 * @param backoff - the schedule; default {@link DefaultRetry}. Checked now: an invalid field throws.
 * @param options - scheduler, jitter source and hooks (`onRetry`, `onGiveUp`); see {@link RetryOptions}.
 *
 * @example
 * ```ts
 * import { switchMap } from 'rxjs';
 * import { retryOnConflict } from 'rxjs-retry-on-conflict';
 *
 * // Angular: each retry subscribes anew, so the GET runs again and the PUT carries the new _rev.
 * const increment$ = http.get<Counter>(url).pipe(
 *   switchMap((doc) => http.put(url, { ...doc, count: doc.count + 1 })),
 *   retryOnConflict(),
 * );
 * ```
 */
export function retryOnConflict<T>(
  backoff: Backoff = DefaultRetry,
  options?: RetryOptions,
): MonoTypeOperatorFunction<T> {
  return onError<T>(backoff, isConflict, options);
}
