import { isObject } from './is-object.js';

/**
 * What every input error's `info` holds, whatever its `problem`: the facts its message states.
 *
 * @example
 * ```ts
 * const facts: InputFacts = { field: 'Backoff.steps', rule: 'be an integer >= 1', value: 0 };
 * `${facts.field} must ${facts.rule}`; // 'Backoff.steps must be an integer >= 1'
 * ```
 */
export interface InputFacts {
  /**
   * What is wrong, named as the message names it: a field (`'Backoff.steps'`,
   * `'RetryOptions.random'`), a parameter (`'retriable'`) or an object (`'Backoff'`).
   */
  readonly field: string;
  /** What it must do, in the message's words: `'be an integer >= 1'`. */
  readonly rule: string;
  /** What it was: the value given (for an unreadable field, what its getter threw). */
  readonly value: unknown;
}

/**
 * A value that breaks its rule: "`field` must `rule`, got `value`".
 *
 * @example
 * ```ts
 * const info: InvalidValue = { problem: 'invalid', field: 'Backoff.steps', rule: 'be an integer >= 1', value: 0 };
 * info.problem; // 'invalid'
 * ```
 */
export interface InvalidValue extends InputFacts {
  /** `'invalid'`: this kind. */
  readonly problem: 'invalid';
}

/**
 * A field whose getter threw: "`field` could not be read: …". `value` is what it threw, which is
 * also the error's `cause`.
 *
 * @example
 * ```ts
 * const info: UnreadableField = { problem: 'unreadable', field: 'Backoff.factor', rule: 'be readable', value: new Error('not loaded') };
 * info.field; // 'Backoff.factor'
 * ```
 */
export interface UnreadableField extends InputFacts {
  /** `'unreadable'`: this kind. */
  readonly problem: 'unreadable';
  /** Always `'be readable'`. */
  readonly rule: 'be readable';
}

/**
 * A field the user wrote that a `Backoff` does not have, and, when it is a name another retry
 * library uses, what to write instead (`count: 3` → `steps: 4`, since steps = retries + 1).
 *
 * @example
 * ```ts
 * const written: ForeignField = { field: 'count', value: 3, instead: { field: 'steps', value: 4 } };
 * written.instead?.value; // 4
 * ```
 */
export interface ForeignField {
  /** The field as written: `'count'`. */
  readonly field: string;
  /** Its value as written. */
  readonly value: unknown;
  /**
   * The `Backoff` field to write instead and its value (a count of retries plus one, as `steps`
   * counts attempts); absent for a name no retry library known here uses.
   */
  readonly instead?: ForeignFieldFix;
}

/**
 * What to write in place of a {@link ForeignField}.
 *
 * @example
 * ```ts
 * const fix: ForeignFieldFix = { field: 'duration', value: 100 }; // for initialInterval: 100
 * fix.field; // 'duration'
 * ```
 */
export interface ForeignFieldFix {
  /** The `Backoff` field. */
  readonly field: 'steps' | 'duration' | 'factor';
  /** Its value: the written one, plus one for a count of retries. */
  readonly value: unknown;
}

/**
 * Required `Backoff` fields left out, and the fields written that a `Backoff` does not read.
 *
 * @example
 * ```ts
 * const info: MissingFields = {
 *   problem: 'missing',
 *   field: 'Backoff.steps',
 *   rule: 'be a number (steps = attempts = retries + 1)',
 *   value: undefined,
 *   fields: ['Backoff.steps'],
 *   foreign: [{ field: 'retries', value: 3, instead: { field: 'steps', value: 4 } }],
 * };
 * info.fields.length; // 1
 * ```
 */
export interface MissingFields extends InputFacts {
  /** `'missing'`: this kind. */
  readonly problem: 'missing';
  /** The first missing field; `fields` has them all. */
  readonly field: string;
  /** Every missing field, as the message names them: `['Backoff.steps', 'Backoff.duration']`. */
  readonly fields: readonly string[];
  /** The fields written that a `Backoff` does not read, each with what to write instead. */
  readonly foreign: readonly ForeignField[];
}

/**
 * A backoff one of whose waits could pass Go's longest duration (2^63 - 1 ns) with the jitter at
 * its largest.
 *
 * @example
 * ```ts
 * const info = { problem: 'overflow', wait: 41, maxSteps: 41 } as BackoffOverflow;
 * info.maxSteps; // 41
 * ```
 */
export interface BackoffOverflow extends InputFacts {
  /** `'overflow'`: this kind. */
  readonly problem: 'overflow';
  /** Always `'Backoff'`: the fields together make the overflow. */
  readonly field: 'Backoff';
  /** How long that wait could be, in ms (it may be `Infinity`). */
  readonly value: number;
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
export type InputError = (TypeError | RangeError) & {
  /** The facts the message states, as data. */
  readonly info: InputErrorInfo;
};

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
