import { asyncScheduler, type SchedulerLike } from 'rxjs';
import { invalid } from '../input/invalid.js';
import { isObject } from '../input/is-object.js';
import type { GiveUpEvent, RetryEvent, RetryOptions } from './retry-options.js';

/**
 * {@link RetryOptions} checked, with every default filled in.
 * @internal
 */
export interface CheckedRetryOptions {
  readonly scheduler: SchedulerLike;
  readonly random: () => number;
  readonly onRetry: (event: RetryEvent) => void;
  readonly onGiveUp: (event: GiveUpEvent) => void;
  readonly retryAfter: ((error: unknown, now: number) => number | undefined) | undefined;
  readonly maxRetryAfter: number;
}

/** {@link RetryOptions.maxRetryAfter}'s default: a minute. */
const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

function ignore(): void {}

/**
 * Checks the options of {@link onError} (and so of `retryOnConflict` and the Angular policy), and
 * fills in the defaults: a field of the wrong kind throws a `TypeError` naming it. Each field is
 * read once, in the order of the interface.
 * @internal
 */
export function checkRetryOptions(options: RetryOptions | undefined): CheckedRetryOptions {
  if (options !== undefined && !isObject(options))
    invalid(TypeError, 'RetryOptions', 'be an object', options);
  const {
    scheduler = asyncScheduler,
    random = Math.random,
    onRetry = ignore,
    onGiveUp = ignore,
    retryAfter,
    maxRetryAfter = DEFAULT_MAX_RETRY_AFTER_MS,
  }: RetryOptions = options ?? {};
  checkFunction('RetryOptions.random', random);
  checkFunction('RetryOptions.onRetry', onRetry);
  checkFunction('RetryOptions.onGiveUp', onGiveUp);
  if (typeof scheduler?.schedule !== 'function' || typeof scheduler.now !== 'function')
    invalid(TypeError, 'RetryOptions.scheduler', 'be a SchedulerLike (with schedule() and now())', scheduler);
  if (retryAfter !== undefined) checkFunction('RetryOptions.retryAfter', retryAfter);
  if (!(typeof maxRetryAfter === 'number' && maxRetryAfter >= 0))
    invalid(
      typeof maxRetryAfter === 'number' ? RangeError : TypeError,
      'RetryOptions.maxRetryAfter',
      'be a number >= 0 (Infinity: no bound)',
      maxRetryAfter,
    );
  return { scheduler, random, onRetry, onGiveUp, retryAfter, maxRetryAfter };
}

/**
 * Throws a `TypeError` naming `name` unless `value` is a function.
 * @internal
 */
export function checkFunction(name: string, value: unknown): void {
  if (typeof value !== 'function') invalid(TypeError, name, 'be a function', value);
}
