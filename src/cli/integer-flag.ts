import { numberFlag, UsageError } from './backoff-flags.js';

/**
 * An integer flag's value, `fallback` when the flag is absent. A value that is not a decimal number,
 * not an integer or outside `min..max` is a {@link UsageError} naming the flag, the range and the
 * text given.
 *
 * @example
 * ```ts
 * integerFlag('writers', '20', 100, 1, 500); // 20
 * integerFlag('writers', undefined, 100, 1, 500); // 100
 * integerFlag('writers', '0', 100, 1, 500); // throws UsageError: --writers must be an integer from 1 to 500, got "0"
 * ```
 */
export function integerFlag(
  name: string,
  text: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = numberFlag(name, text) ?? fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return value;
}
