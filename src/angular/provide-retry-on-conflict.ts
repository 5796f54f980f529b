import { makeEnvironmentProviders, type EnvironmentProviders } from '@angular/core';
import { DefaultRetry } from '../backoff/backoff.js';
import { toBackoffSpec } from '../backoff/validate-backoff.js';
import { invalid } from '../input/invalid.js';
import { isObject } from '../input/is-object.js';
import { checkRetryOptions } from '../operators/check-retry-options.js';
import {
  createRetryOnConflictOperator,
  RETRY_ON_CONFLICT_OPERATOR,
  RETRY_ON_CONFLICT_POLICY,
} from './retry-on-conflict-tokens.js';
import type { RetryOnConflictPolicy } from './retry-policy.js';

/**
 * Sets how the application retries conflicts: the backoff, the `onRetry` and `onGiveUp` hooks, the scheduler and
 * the jitter source that {@link injectRetryOnConflict} builds its operator from. Put it in the
 * application's providers (or a route's, or `TestBed`'s); without it, the library's defaults apply
 * (client-go's `DefaultRetry`: 5 attempts about 10ms apart).
 *
 * The policy is checked here, by the checks `retryOnConflict` makes of its backoff and options: a
 * wrong field throws at once, with the message `retryOnConflict` would give ("Backoff.steps must be an integer >= 1, got 0"), before any
 * injector is made.
 *
 * @param policy - the fields to change from the defaults; see {@link RetryOnConflictPolicy}.
 *
 * @example
 * ```ts
 * import { provideHttpClient, withFetch } from '@angular/common/http';
 * import type { ApplicationConfig } from '@angular/core';
 * import { provideRetryOnConflict } from 'rxjs-retry-on-conflict/angular';
 *
 * export const appConfig: ApplicationConfig = {
 *   providers: [
 *     provideHttpClient(withFetch()),
 *     provideRetryOnConflict({ backoff: { duration: 25, factor: 1.2, jitter: 1, steps: 40 } }),
 *   ],
 * };
 * ```
 */
export function provideRetryOnConflict(policy: RetryOnConflictPolicy = {}): EnvironmentProviders {
  if (!isObject(policy)) invalid(TypeError, 'RetryOnConflictPolicy', 'be an object', policy);
  // A copy, so that a later change to the caller's object cannot skip the checks below.
  const checked: RetryOnConflictPolicy = { ...policy };
  // As `retryOnConflict` reads its arguments: an absent backoff is DefaultRetry, `null` is no backoff.
  toBackoffSpec(checked.backoff === undefined ? DefaultRetry : checked.backoff);
  checkRetryOptions(checked);
  return makeEnvironmentProviders([
    { provide: RETRY_ON_CONFLICT_POLICY, useValue: checked },
    // Provided here as well as at the root, so that a route's injector with a policy of its own
    // makes an operator from that policy rather than getting the root's.
    { provide: RETRY_ON_CONFLICT_OPERATOR, useFactory: createRetryOnConflictOperator },
  ]);
}
