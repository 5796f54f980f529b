import { isObject } from './is-object.js';

/**
 * Throws the library's one kind of input error, "`name` must `rule`, got `value`", so that every
 * message names the field, the rule and the value in the same way.
 * @internal
 */
export function invalid(
  ErrorType: typeof TypeError | typeof RangeError,
  name: string,
  rule: string,
  value: unknown,
): never {
  // Keeps '10', 10n, NaN and undefined apart, and never prints a function's source.
  throw new ErrorType(
    `${name} must ${rule}, got ${
      typeof value === 'string'
        ? JSON.stringify(value)
        : typeof value === 'bigint'
          ? `${value}n`
          : typeof value === 'function'
            ? 'a function'
            : isObject(value)
              ? 'an object'
              : String(value)
    }`,
  );
}
