import { inject, InjectionToken } from '@angular/core';
import type { MonoTypeOperatorFunction } from 'rxjs';
import { retryOnConflict } from '../operators/retry-on-conflict.js';
import { RETRY_ON_CONFLICT_POLICY, RETRY_ON_CONFLICT_SCHEDULER_OVERRIDE } from './retry-policy.js';

/**
 * Makes the operator of the policy seen from the current injector, with the testing scheduler in
 * place of the policy's own when there is one.
 * @internal
 */
export function createRetryOnConflictOperator(): MonoTypeOperatorFunction<unknown> {
  const policy = inject(RETRY_ON_CONFLICT_POLICY);
  const scheduler = inject(RETRY_ON_CONFLICT_SCHEDULER_OVERRIDE, { optional: true }) ?? policy.scheduler;
  return retryOnConflict(policy.backoff, scheduler ? { ...policy, scheduler } : policy);
}

/**
 * The operator of an injector's policy, made once per injector that provides a policy (and once at
 * the root for the defaults): an operator holds no state between subscriptions, so every service
 * under that injector can share it.
 * @internal
 */
export const RETRY_ON_CONFLICT_OPERATOR = new InjectionToken<MonoTypeOperatorFunction<unknown>>(
  'RETRY_ON_CONFLICT_OPERATOR',
  { providedIn: 'root', factory: createRetryOnConflictOperator },
);

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
