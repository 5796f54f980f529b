import type { Backoff } from './backoff.js';

/** Go's longest `time.Duration` (2^63 - 1 ns), as the nearest double. */
export const MAX_DURATION_NS = 2 ** 63;

/** The rule that every duration, configured or reached by growth, must keep. */
export const BELOW_LONGEST_DURATION = `be below ${MAX_DURATION_NS / 1e6} ms (Go's longest duration)`;

/**
 * A {@link Backoff} checked and converted to Go's units: whole nanoseconds, `capNs` 0 for none.
 * @internal
 */
export interface BackoffSpec {
  readonly durationNs: number;
  readonly factor: number;
  readonly jitter: number;
  readonly steps: number;
  readonly capNs: number;
}

/** Checked in this order, so that a config with several faults reports `steps` first. */
const BACKOFF_FIELDS = ['steps', 'duration', 'factor', 'jitter', 'cap'] as const;

/**
 * Checks a backoff and converts it to nanoseconds. Go would run a negative, infinite or NaN field,
 * or zero steps, without complaint (zero steps: `fn` is never called and nil is returned); here such
 * a config is a bug to report where it was written, so it throws when the operator is created.
 * @internal
 */
export function toBackoffSpec(backoff: Backoff): BackoffSpec {
  if (typeof backoff !== 'object' || backoff === null) invalid(TypeError, 'Backoff', 'be an object', backoff);
  // Every field a number; steps whole and >= 1; the rest finite and >= 0, and the durations
  // (the fields held as nanoseconds) within Go's int64.
  const [steps, durationNs, factor, jitter, capNs] = BACKOFF_FIELDS.map((field) => {
    const given: unknown = backoff[field];
    const value = given === undefined && field === 'cap' ? 0 : given;
    const name = `Backoff.${field}`;
    if (typeof value !== 'number') invalid(TypeError, name, 'be a number', value);
    const isDuration = field === 'duration' || field === 'cap';
    const converted = isDuration ? Math.round(value * 1e6) : value;
    const brokenRule =
      field === 'steps'
        ? !(Number.isSafeInteger(value) && value >= 1) && 'be an integer >= 1'
        : !(value >= 0 && value < Infinity)
          ? 'be a finite number >= 0'
          : isDuration && converted >= MAX_DURATION_NS && BELOW_LONGEST_DURATION;
    if (brokenRule) invalid(RangeError, name, brokenRule, value);
    return converted;
  }) as [number, number, number, number, number];
  return { durationNs, factor, jitter, steps, capNs };
}

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
  const shown =
    typeof value === 'string'
      ? JSON.stringify(value)
      : typeof value === 'bigint'
        ? `${value}n`
        : typeof value === 'function'
          ? 'a function'
          : typeof value === 'object' && value !== null
            ? 'an object'
            : String(value);
  throw new ErrorType(`${name} must ${rule}, got ${shown}`);
}
