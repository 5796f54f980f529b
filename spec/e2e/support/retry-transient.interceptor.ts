import { HttpErrorResponse, type HttpEvent, type HttpInterceptorFn } from '@angular/common/http';
import type { MonoTypeOperatorFunction } from 'rxjs';
import {
  asksForRetry,
  DefaultBackoff,
  onError,
  retryWhenServerAsks,
  type Backoff,
} from 'rxjs-retry-on-conflict';

/** Statuses that say "try again shortly": the request was fine, the server or a proxy was not. */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/** Methods that may be sent twice without doing twice what they do. POST and PATCH are not. */
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Whether an error is an HTTP response that a later, identical request may well not get, and that
 * does not say when to send it (an answer that does is `retryWhenServerAsks`'s).
 *
 * @example
 * ```ts
 * http.get('/api/report').pipe(onError(DefaultBackoff, isTransientHttpError));
 * ```
 */
export function isTransientHttpError(error: unknown): boolean {
  return error instanceof HttpErrorResponse && TRANSIENT_STATUSES.has(error.status) && !asksForRetry(error);
}

/**
 * An `HttpInterceptorFn` that resends an idempotent request when the server says it may: a 429 or
 * 5xx that carries `Retry-After` is resent after the wait it asks (`retryWhenServerAsks`: client-go's
 * REST client rule, up to 11 attempts, an ask over a minute not waited for); a 502, 503 or 504 that
 * does not say when is resent as `backoff` says (client-go's `DefaultBackoff` unless given: 4
 * attempts, 10ms, 50ms, 250ms apart, with jitter). Sending the very same request again is right for
 * these errors, because nothing about the request was wrong.
 *
 * It does not retry 409 Conflict, and no interceptor should: the request it holds carries the stale
 * revision, so resending it only collects the same 409 again. Retry conflicts where the read happens,
 * around GET → modify → PUT, with `retryOnConflict` (see `CounterService`).
 *
 * @example
 * ```ts
 * bootstrapApplication(AppComponent, {
 *   providers: [provideHttpClient(withFetch(), withInterceptors([retryTransientErrors()]))],
 * });
 * ```
 */
export function retryTransientErrors(backoff: Backoff = DefaultBackoff): HttpInterceptorFn {
  const retryTransient: MonoTypeOperatorFunction<HttpEvent<unknown>> = (response$) =>
    response$.pipe(retryWhenServerAsks(), onError(backoff, isTransientHttpError));
  return (request, next) => {
    const response$ = next(request);
    // `next(request)` is cold: each retry subscribes again and so sends the request again.
    return IDEMPOTENT_METHODS.has(request.method) ? response$.pipe(retryTransient) : response$;
  };
}
