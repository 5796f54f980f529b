import { isObject } from '../input/is-object.js';

/**
 * Whether an error says "409 Conflict": the write lost an optimistic-concurrency race and is worth
 * redoing after a fresh read. The retriable test behind {@link retryOnConflict}.
 *
 * Recognises, without importing any of these libraries:
 * - an error response with `status: 409` (Angular `HttpErrorResponse`, RxJS `AjaxError`, a fetch
 *   `Response` thrown by your code), but not one that says `ok: true`;
 * - an error whose `response` has status 409 (axios `AxiosError`, ky `HTTPError`), or whose `cause`
 *   is such an error or response (up to four links deep);
 * - a Kubernetes `Status` (`kind: "Status"`), as the error or as its body, whichever client fetched
 *   it (also a JSON string body, as `@kubernetes/client-node`'s `ApiException` carries it), judged
 *   before the HTTP status and as apimachinery's `errors.IsConflict` does: reason `"Conflict"`, or
 *   code 409 with a reason it does not know. So a 409 whose Status says `AlreadyExists` (a create
 *   that found the name taken) is no conflict: retrying it would fail again;
 * - an API exception with `code: 409` and a body that is not a Status.
 *
 * Everything else is `false`: `null`, primitives, other statuses. It never throws, even for objects
 * whose getters do.
 *
 * @example
 * ```ts
 * import { isConflict } from 'rxjs-retry-on-conflict';
 *
 * isConflict({ status: 409 });                                   // true  (HttpErrorResponse-like)
 * isConflict({ response: { status: 409 } });                     // true  (axios-like)
 * isConflict({ kind: 'Status', reason: 'Conflict', code: 409 }); // true
 * isConflict({ kind: 'Status', reason: 'AlreadyExists', code: 409 }); // false
 * isConflict({ status: 404 });                                   // false
 * ```
 */
export function isConflict(error: unknown): boolean {
  try {
    return conflictIn(error, MAX_NESTING);
  } catch {
    return false;
  }
}

/** How deep `response` and `cause` links are followed; also ends cycles. */
const MAX_NESTING = 4;

/** apimachinery's `knownReasons` (`k8s.io/apimachinery/pkg/api/errors`); "" (unknown) is not one. */
const KNOWN_STATUS_REASON =
  /^(?:Unauthorized|Forbidden|NotFound|AlreadyExists|Conflict|Gone|Invalid|ServerTimeout|StoreReadError|Timeout|TooManyRequests|BadRequest|MethodNotAllowed|NotAcceptable|RequestEntityTooLarge|UnsupportedMediaType|InternalError|Expired|ServiceUnavailable)$/;

type Fields = Readonly<Record<string, unknown>>;

function conflictIn(error: unknown, depthLeft: number): boolean {
  if (!isObject(error) || depthLeft < 0) return false;
  // Any value: a field of a primitive reads as undefined, and `?.` below skips null and undefined.
  const response = error['response'] as Fields | undefined;
  // A Kubernetes Status decides, before any HTTP status, so that a 409 whose Status says
  // `AlreadyExists` is judged by its reason whichever client fetched it: the error itself, or the
  // body in a field of the error (`body`: the Kubernetes client; `error`: Angular; `response`: RxJS
  // ajax) or of the response it holds (`response.data`: axios).
  for (const candidate of [
    error,
    error['body'],
    error['error'],
    error['data'],
    response,
    response?.['data'],
    response?.['body'],
  ]) {
    const status = typeof candidate === 'string' ? parseJson(candidate) : candidate;
    if (
      isObject(status) &&
      (status['kind'] === 'Status' ||
        (typeof status['reason'] === 'string' && typeof status['code'] === 'number'))
    ) {
      // apimachinery's errors.IsConflict: reason Conflict, or code 409 with a reason it does not know.
      const reason = status['reason'];
      return (
        reason === 'Conflict' ||
        (!(typeof reason === 'string' && KNOWN_STATUS_REASON.test(reason)) && status['code'] === 409)
      );
    }
  }
  if (typeof error['status'] === 'number') return error['status'] === 409 && error['ok'] !== true;
  // An API exception whose body names no reason: apimachinery counts a bare 409 as a conflict.
  if (typeof error['code'] === 'number' && 'body' in error) return error['code'] === 409;
  return conflictIn(response, depthLeft - 1) || conflictIn(error['cause'], depthLeft - 1);
}

/** A JSON object body, or undefined; a body that is no JSON object (or too long to be a Status) is skipped. */
function parseJson(text: string): unknown {
  try {
    return /^\s*\{/.test(text) && text.length < 65536 ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}
