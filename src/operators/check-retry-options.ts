import { asyncScheduler, type SchedulerLike } from 'rxjs';
import { checkedRandom } from '../backoff/checked-random.js';
import { invalid } from '../input/invalid.js';
import { isObject } from '../input/is-object.js';
import type { GiveUpEvent, RetryEvent, RetryOptions } from './retry-options.js';

/**
 * {@link RetryOptions} checked, with every default filled in. `random` is checked as it is called:
 * a value outside [0, 1) throws a `RangeError` naming `RetryOptions.random`.
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
 * The options when none are given, made once: `Math.random` keeps to [0, 1) by its specification,
 * so it needs no check. Made once rather than per call, for performance.md's row "Made per call,
 * making the operator alone", where most operators are made with no options.
 */
const DEFAULT_OPTIONS: CheckedRetryOptions = {
  scheduler: asyncScheduler,
  random: Math.random,
  onRetry: ignore,
  onGiveUp: ignore,
  retryAfter: undefined,
  maxRetryAfter: DEFAULT_MAX_RETRY_AFTER_MS,
};

/**
 * Checks the options of {@link onError} (and so of `retryOnConflict` and the Angular policy), and
 * fills in the defaults: a field of the wrong kind throws a `TypeError` naming it. Each field is
 * read once, in the order of the interface.
 * @internal
 */
export function checkRetryOptions(options: RetryOptions | undefined): CheckedRetryOptions {
  if (options === undefined) return DEFAULT_OPTIONS;
  if (!isObject(options)) invalid(TypeError, 'RetryOptions', 'be an object', options);
  const {
    scheduler = asyncScheduler,
    random = Math.random,
    onRetry = ignore,
    onGiveUp = ignore,
    retryAfter,
    maxRetryAfter = DEFAULT_MAX_RETRY_AFTER_MS,
  }: RetryOptions = options;
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
  return {
    scheduler,
    random: checkedRandom(random, 'RetryOptions.random'),
    onRetry,
    onGiveUp,
    retryAfter,
    maxRetryAfter,
  };
}

/**
 * Throws a `TypeError` naming `name` unless `value` is a function.
 * @internal
 */
export function checkFunction(name: string, value: unknown): void {
  if (typeof value !== 'function') invalid(TypeError, name, 'be a function', value);
}
