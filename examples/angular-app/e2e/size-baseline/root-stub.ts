import type { MonoTypeOperatorFunction } from 'rxjs';

/**
 * What the app imports from `rxjs-retry-on-conflict`, doing nothing: the baseline build's stand-in.
 *
 * @example
 * ```ts
 * source$.pipe(retryOnConflict()); // source$ itself
 * ```
 */
export function retryOnConflict<T>(..._args: unknown[]): MonoTypeOperatorFunction<T> {
  return (source) => source;
}
