/**
 * Whether an error says "409 Conflict": the write lost an optimistic-concurrency race and is worth
 * redoing after a fresh read. The retriable test behind {@link retryOnConflict}.
 *
 * Recognises, without importing any of these libraries:
 * - an error response with `status: 409` (Angular `HttpErrorResponse`, RxJS `AjaxError`, a fetch
 *   `Response` thrown by your code), but not one that says `ok: true`;
 * - an error whose `response` has status 409 (axios `AxiosError`, ky `HTTPError`), or whose `cause`
 *   is such an error or response;
 * - a Kubernetes `Status` (`kind: "Status"`), as the error or as its body (also a JSON string body,
 *   as `@kubernetes/client-node`'s `ApiException` carries it), judged as apimachinery's
 *   `errors.IsConflict` does: reason `"Conflict"`, or code 409 with a reason it does not know.
 *   So a 409 whose Status says `AlreadyExists` (a create that found the name taken) is no conflict:
 *   retrying it would fail again;
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

/** JSON bodies longer than this are not parsed: a Status is small. */
const MAX_STATUS_JSON_LENGTH = 64 * 1024;

const HTTP_CONFLICT = 409;

/** apimachinery's `knownReasons` (`k8s.io/apimachinery/pkg/api/errors`); "" (unknown) is not one. */
const KNOWN_STATUS_REASONS: ReadonlySet<string> = new Set([
  'Unauthorized',
  'Forbidden',
  'NotFound',
  'AlreadyExists',
  'Conflict',
  'Gone',
  'Invalid',
  'ServerTimeout',
  'StoreReadError',
  'Timeout',
  'TooManyRequests',
  'BadRequest',
  'MethodNotAllowed',
  'NotAcceptable',
  'RequestEntityTooLarge',
  'UnsupportedMediaType',
  'InternalError',
  'Expired',
  'ServiceUnavailable',
]);

interface StatusFields {
  readonly reason: unknown;
  readonly code: unknown;
}

type Fields = Readonly<Record<string, unknown>>;

function conflictIn(value: unknown, depthLeft: number): boolean {
  if (typeof value !== 'object' || value === null || depthLeft < 0) return false;
  const error = value as Fields;

  const status = asKubernetesStatus(error) ?? bodyStatus(error);
  if (status !== undefined) return isConflictStatus(status);

  if (typeof error['status'] === 'number') {
    return error['status'] === HTTP_CONFLICT && error['ok'] !== true;
  }
  if (typeof error['code'] === 'number' && 'body' in error) {
    // An API exception whose body names no reason: apimachinery counts a bare 409 as a conflict.
    return error['code'] === HTTP_CONFLICT;
  }
  return conflictIn(error['response'], depthLeft - 1) || conflictIn(error['cause'], depthLeft - 1);
}

/** The Kubernetes Status an error response carries as its body, where it has one. */
function bodyStatus(error: Fields): StatusFields | undefined {
  for (const field of ['body', 'error', 'data', 'response']) {
    const body = error[field];
    const status = asKubernetesStatus(typeof body === 'string' ? parseJsonObject(body) : body);
    if (status !== undefined) return status;
  }
  return undefined;
}

function asKubernetesStatus(value: unknown): StatusFields | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const fields = value as Fields;
  const looksLikeStatus =
    fields['kind'] === 'Status' ||
    (typeof fields['reason'] === 'string' && typeof fields['code'] === 'number');
  return looksLikeStatus ? { reason: fields['reason'], code: fields['code'] } : undefined;
}

/** apimachinery's `errors.IsConflict`, given a Status' reason and code. */
function isConflictStatus({ reason, code }: StatusFields): boolean {
  if (reason === 'Conflict') return true;
  const knownReason = typeof reason === 'string' && KNOWN_STATUS_REASONS.has(reason);
  return !knownReason && code === HTTP_CONFLICT;
}

function parseJsonObject(text: string): unknown {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') || trimmed.length > MAX_STATUS_JSON_LENGTH) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}
