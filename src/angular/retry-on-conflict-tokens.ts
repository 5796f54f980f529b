import { inject, InjectionToken } from '@angular/core';
import type { MonoTypeOperatorFunction, SchedulerLike } from 'rxjs';
import { retryOnConflict } from '../operators/retry-on-conflict.js';
import type { RetryOnConflictPolicy } from './retry-policy.js';

/**
 * The application's {@link RetryOnConflictPolicy}; the library's defaults when none is provided.
 * @internal
 */
export const RETRY_ON_CONFLICT_POLICY = new InjectionToken<RetryOnConflictPolicy>(
  'RETRY_ON_CONFLICT_POLICY',
  {
    providedIn: 'root',
    factory: () => ({}),
  },
);

/**
 * A scheduler that replaces the policy's own, whatever the order of the providers: set by
 * `provideRetryOnConflictTesting`, so that a test keeps the app's backoff and hook but not its waits.
 * @internal
 */
export const RETRY_ON_CONFLICT_SCHEDULER_OVERRIDE = new InjectionToken<SchedulerLike>(
  'RETRY_ON_CONFLICT_SCHEDULER_OVERRIDE',
);

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
