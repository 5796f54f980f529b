import { makeEnvironmentProviders, type EnvironmentProviders } from '@angular/core';
import type { MonoTypeOperatorFunction } from 'rxjs';

/**
 * What the app imports from `rxjs-retry-on-conflict/angular`, doing nothing: the baseline build's
 * stand-ins, so that the two builds differ by the library alone.
 *
 * @example
 * ```ts
 * const policy: RetryOnConflictPolicy = { backoff: { steps: 20, duration: 5, factor: 1.2, jitter: 1 } };
 * ```
 */
export type RetryOnConflictPolicy = Readonly<Record<string, unknown>>;

/**
 * Provides nothing.
 *
 * @example
 * ```ts
 * providers: [provideRetryOnConflict(policy)];
 * ```
 */
export function provideRetryOnConflict(..._args: unknown[]): EnvironmentProviders {
  return makeEnvironmentProviders([]);
}

/**
 * An operator that passes the source through.
 *
 * @example
 * ```ts
 * source$.pipe(injectRetryOnConflict());
 * ```
 */
export function injectRetryOnConflict<T>(): MonoTypeOperatorFunction<T> {
  return (source) => source;
}
