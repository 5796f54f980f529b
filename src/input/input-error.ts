import { isObject } from './is-object.js';

/**
 * What every input error's `info` holds: the facts its message states, for a program to read
 * without parsing the message. `field` names what is wrong as the message names it
 * (`'Backoff.steps'`, `'RetryOptions.random'`, `'retriable'`), `rule` is what it must do
 * (`'be an integer >= 1'`) and `value` what it was.
 */
interface InputFacts {
  readonly field: string;
  readonly rule: string;
  readonly value: unknown;
}

/** A value that breaks its rule: "`field` must `rule`, got `value`". */
export interface InvalidValue extends InputFacts {
  readonly problem: 'invalid';
}

/** A field whose getter threw: "`field` could not be read: …"; the error's `cause` is what it threw. */
export interface UnreadableField extends InputFacts {
  readonly problem: 'unreadable';
  readonly rule: 'be readable';
}

/**
 * A field the user wrote that a `Backoff` does not have, and, when it is a name another retry
 * library uses, what to write instead (`count: 3` → `steps: 4`, since steps = retries + 1).
 */
export interface ForeignField {
  readonly field: string;
  readonly value: unknown;
  readonly instead?: { readonly field: 'steps' | 'duration' | 'factor'; readonly value: unknown };
}

/**
 * Required `Backoff` fields left out. `field` is the first missing one, `fields` all of them, and
 * `foreign` the fields written that a `Backoff` does not read, each with what to write instead.
 */
export interface MissingFields extends InputFacts {
  readonly problem: 'missing';
  readonly fields: readonly string[];
  readonly foreign: readonly ForeignField[];
}

/**
 * A backoff one of whose waits could pass Go's longest duration (2^63 - 1 ns) with jitter at its
 * largest. `value` is that wait's longest in ms (it may be `Infinity`).
 */
export interface BackoffOverflow extends InputFacts {
  readonly problem: 'overflow';
  readonly field: 'Backoff';
  /** The first wait that overflows, counting from 1; with `orLater`, the first that may. */
  readonly wait: number;
  /**
   * True when the growth was so slow that the walk judged the rest of the run by a bound: some
   * wait from `wait` on overflows.
   */
  readonly orLater: boolean;
  /** The most `steps` that fit (steps `n` make `n - 1` waits). */
  readonly maxSteps: number;
  /** The fields, any of which changed would fix it, as the message lists them. */
  readonly fixes: readonly ('steps' | 'factor' | 'jitter' | 'cap')[];
  /** Whether the waits fit with no jitter: then the jitter alone carries a wait past the limit. */
  readonly jitterAlone: boolean;
}

/**
 * The facts of an input error, one shape per kind of problem, told apart by `problem`. Every kind
 * has `field`, `rule` and `value`.
 */
export type InputErrorInfo = InvalidValue | UnreadableField | MissingFields | BackoffOverflow;

/**
 * An error the library throws for bad input: a `TypeError` (wrong kind of value, missing or
 * unreadable field) or a `RangeError` (a value out of its range), whose message names the field,
 * the rule and the value, and whose `info` holds the same facts as data, the way RxJS's
 * `TimeoutError` carries `info`.
 */
export type InputError = (TypeError | RangeError) & { readonly info: InputErrorInfo };

/**
 * Whether an error is one of the library's input errors, so that its `info` can be read: the
 * field at fault, the rule and the value, and for an overflow the wait that overflows and the most
 * steps that fit. Read `info`, never the message: the message is for people and may be reworded.
 *
 * @example
 * ```ts
 * import { backoffDelays, DefaultRetry, isInputError, type InputErrorInfo } from 'rxjs-retry-on-conflict';
 *
 * function problemOf(run: () => unknown): InputErrorInfo | undefined {
 *   try {
 *     run();
 *   } catch (error) {
 *     if (isInputError(error)) return error.info;
 *     throw error;
 *   }
 *   return undefined;
 * }
 *
 * const info = problemOf(() => backoffDelays({ ...DefaultRetry, steps: 0 })); // { problem: 'invalid', field: 'Backoff.steps', rule: 'be an integer >= 1', value: 0 }
 * const overflow = problemOf(() => backoffDelays({ steps: 100, duration: 10, factor: 2, jitter: 0 }));
 * overflow?.problem === 'overflow' && overflow.maxSteps; // 41
 * ```
 */
export function isInputError(error: unknown): error is InputError {
  if (!(error instanceof TypeError || error instanceof RangeError)) return false;
  const info: unknown = (error as Error & { info?: unknown }).info;
  return isObject(info) && typeof info['problem'] === 'string';
}

/**
 * Throws `error` with `info` attached: the one way an input error is made.
 * @internal
 */
export function throwInputError(error: TypeError | RangeError, info: InputErrorInfo): never {
  throw Object.assign(error, { info });
}
