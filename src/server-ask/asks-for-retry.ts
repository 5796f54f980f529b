import { isObject } from '../input/is-object.js';
import { retryAfterMs } from './retry-after.js';

/**
 * Whether an error is an answer that asks to be repeated later: client-go's REST client rule
 * (`checkWait` in `rest/request.go`), a **429 Too Many Requests or any 5xx that carries an ask**, a
 * `Retry-After` header or a Kubernetes `Status`'s `details.retryAfterSeconds`, as
 * {@link retryAfterMs} reads them. Without an ask it is `false`, whatever the status: only an ask
 * says that the server expects the request again and when, so a bare 500 (or a 503 from a server
 * that is down, not busy) is not retried by this rule.
 *
 * The status is read where {@link isConflict} reads it: `status` (Angular `HttpErrorResponse`, RxJS
 * `AjaxError`, a fetch `Response`, not one that says `ok: true`), `response.status` (axios, ky), a
 * Kubernetes API exception's `code`, a `Status`'s `code`, and errors that hold such an error as
 * their `cause`. It never throws.
 *
 * @example
 * ```ts
 * import { asksForRetry } from 'rxjs-retry-on-conflict';
 *
 * asksForRetry({ status: 429, headers: { 'retry-after': '1' } }); // true
 * asksForRetry({ response: { status: 503, headers: { 'Retry-After': '30' } } }); // true (axios-like)
 * asksForRetry({ status: 503 }); // false: no ask
 * asksForRetry({ status: 409, headers: { 'retry-after': '1' } }); // false: neither 429 nor 5xx
 * ```
 */
export function asksForRetry(error: unknown): boolean {
  let status: number | undefined;
  try {
    status = statusIn(error, MAX_NESTING);
  } catch {
    return false;
  }
  return (
    status !== undefined &&
    (status === 429 || (status >= 500 && status <= 599)) &&
    retryAfterMs(error) !== undefined
  );
}

/** How deep `response` and `cause` links are followed; also ends cycles. */
const MAX_NESTING = 4;

/** The HTTP status an error carries, the first found from the outside in, or undefined. */
function statusIn(error: unknown, depthLeft: number): number | undefined {
  if (!isObject(error) || depthLeft < 0) return undefined;
  if (typeof error['status'] === 'number') return error['ok'] === true ? undefined : error['status'];
  // A Kubernetes API exception (`code`, with its body), or a Status itself.
  if (typeof error['code'] === 'number' && ('body' in error || error['kind'] === 'Status'))
    return error['code'];
  return statusIn(error['response'], depthLeft - 1) ?? statusIn(error['cause'], depthLeft - 1);
}
