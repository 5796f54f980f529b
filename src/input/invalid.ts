import { throwInputError } from './input-error.js';
import { isObject } from './is-object.js';

/**
 * Throws the library's one kind of input error, "`field` must `rule`, got `value`", so that every
 * message names the field, the rule and the value in the same way, and carries them as `info`.
 * @internal
 */
export function invalid(
  ErrorType: typeof TypeError | typeof RangeError,
  field: string,
  rule: string,
  value: unknown,
): never {
  throwInputError(new ErrorType(`${field} must ${rule}, got ${shown(value)}`), {
    problem: 'invalid',
    field,
    rule,
    value,
  });
}

/**
 * A value as an error message shows it: keeps '10', 10n, NaN and undefined apart, and never prints
 * a function's source or an object's fields.
 * @internal
 */
export function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  if (isObject(value)) return 'an object';
  return String(value);
}
