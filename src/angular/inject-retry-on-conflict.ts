import { inject } from '@angular/core';
import type { MonoTypeOperatorFunction } from 'rxjs';
import { RETRY_ON_CONFLICT_OPERATOR } from './retry-on-conflict-tokens.js';

/**
 * `retryOnConflict` with the application's policy (see {@link provideRetryOnConflict}; the library's
 * defaults without one). It calls Angular's `inject`, so call it where `inject` works: a field
 * initializer, a constructor, a provider's factory or `runInInjectionContext`. Anywhere else Angular
 * throws its own error, NG0203.
 *
 * As with `retryOnConflict`, put the read inside what is retried: each retry subscribes again, so
 * the GET runs again and the PUT carries the fresh revision.
 *
 * @example
 * ```ts
 * import { HttpClient } from '@angular/common/http';
 * import { inject, Injectable } from '@angular/core';
 * import { map, switchMap } from 'rxjs';
 * import { injectRetryOnConflict } from 'rxjs-retry-on-conflict/angular';
 *
 * @Injectable({ providedIn: 'root' })
 * export class CounterService {
 *   private readonly http = inject(HttpClient);
 *   private readonly retryOnConflict = injectRetryOnConflict<number>();
 *
 *   increment(url: string) {
 *     return this.http.get<{ _rev: string; count: number }>(url).pipe(
 *       switchMap((doc) => this.http.put(url, { ...doc, count: doc.count + 1 }).pipe(map(() => doc.count + 1))),
 *       this.retryOnConflict,
 *     );
 *   }
 * }
 * ```
 */
export function injectRetryOnConflict<T>(): MonoTypeOperatorFunction<T> {
  // The operator never looks at the values, so the one made for `unknown` serves every `T`.
  return inject(RETRY_ON_CONFLICT_OPERATOR) as MonoTypeOperatorFunction<T>;
}
