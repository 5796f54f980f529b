import type { Backoff } from './backoff.js';

/** Go's longest `time.Duration` (2^63 - 1 ns), as the nearest double. */
export const MAX_DURATION_NS = 2 ** 63;

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

/**
 * Checks a backoff and converts it to nanoseconds. Go would run a negative, infinite or NaN field,
 * or zero steps, without complaint (zero steps: `fn` is never called and nil is returned); here such
 * a config is a bug to report where it was written, so it throws when the operator is created.
 * @internal
 */
export function toBackoffSpec(backoff: Backoff): BackoffSpec {
  if (typeof backoff !== 'object' || backoff === null) {
    throw new TypeError(`Backoff must be an object, got ${describe(backoff)}`);
  }
  const steps = numberField(backoff, 'steps');
  if (!Number.isSafeInteger(steps) || steps < 1) {
    throw new RangeError(`Backoff.steps must be an integer >= 1, got ${describe(steps)}`);
  }
  const capValue = backoff.cap === undefined ? 0 : numberField(backoff, 'cap');
  return {
    durationNs: toNanoseconds('duration', numberField(backoff, 'duration')),
    factor: nonNegative('factor', numberField(backoff, 'factor')),
    jitter: nonNegative('jitter', numberField(backoff, 'jitter')),
    steps,
    capNs: toNanoseconds('cap', capValue),
  };
}

type NumericField = 'duration' | 'factor' | 'jitter' | 'steps' | 'cap';

function numberField(backoff: Backoff, field: NumericField): number {
  const value: unknown = backoff[field];
  if (typeof value !== 'number') {
    throw new TypeError(`Backoff.${field} must be a number, got ${describe(value)}`);
  }
  return value;
}

function nonNegative(field: NumericField, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`Backoff.${field} must be a finite number >= 0, got ${describe(value)}`);
  }
  return value;
}

function toNanoseconds(field: 'duration' | 'cap', ms: number): number {
  const ns = Math.round(nonNegative(field, ms) * 1e6);
  if (ns >= MAX_DURATION_NS) {
    throw new RangeError(
      `Backoff.${field} must be below ${MAX_DURATION_NS / 1e6} ms (Go's longest duration), got ${ms}`,
    );
  }
  return ns;
}

/** Renders a value for an error message, so that `'10'`, `NaN` and `undefined` stay apart. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' && Object.is(value, -0)) return '-0';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'an array' : 'an object';
  return String(value);
}
