import type { Backoff } from './backoff.js';
import { invalid } from './invalid.js';
import { BELOW_LONGEST_DURATION, checkLongestWait, MAX_DURATION_NS } from './longest-wait.js';

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
 * So does a backoff whose waits could pass Go's longest duration, which Go would wrap to a negative
 * sleep, i.e. no wait at all.
 * @internal
 */
export function toBackoffSpec(backoff: Backoff): BackoffSpec {
  if (typeof backoff !== 'object' || backoff === null) invalid(TypeError, 'Backoff', 'be an object', backoff);
  // Each field is read once: a getter may answer differently on a second read.
  let field = 'steps';
  let steps: unknown, duration: unknown, factor: unknown, jitter: unknown, cap: unknown;
  try {
    steps = backoff.steps;
    field = 'duration';
    duration = backoff.duration;
    field = 'factor';
    factor = backoff.factor;
    field = 'jitter';
    jitter = backoff.jitter;
    field = 'cap';
    cap = backoff.cap;
  } catch (error: unknown) {
    throw new TypeError(
      `Backoff.${field} could not be read: ${String((error as Error | null)?.message ?? error)}`,
      {
        cause: error,
      },
    );
  }
  // Types first, then each field's rule, in the order of the fields: `steps` first.
  if (
    typeof steps !== 'number' ||
    typeof duration !== 'number' ||
    typeof factor !== 'number' ||
    typeof jitter !== 'number' ||
    (cap !== undefined && typeof cap !== 'number')
  ) {
    badType(steps, duration, factor, jitter, cap);
  }
  if (!(Number.isSafeInteger(steps) && steps >= 1))
    invalid(RangeError, 'Backoff.steps', 'be an integer >= 1', steps);
  const durationNs = toNs('Backoff.duration', duration);
  checkFinite('Backoff.factor', factor);
  checkFinite('Backoff.jitter', jitter);
  const spec: BackoffSpec = {
    durationNs,
    factor,
    jitter,
    steps,
    capNs: cap === undefined ? 0 : toNs('Backoff.cap', cap),
  };
  checkLongestWait(spec);
  return spec;
}

function checkFinite(name: string, value: number): void {
  if (!(value >= 0 && value < Infinity)) invalid(RangeError, name, 'be a finite number >= 0', value);
}

/** Milliseconds as Go's whole nanoseconds, which must fit its int64. */
function toNs(name: string, ms: number): number {
  checkFinite(name, ms);
  const ns = Math.round(ms * 1e6);
  if (ns >= MAX_DURATION_NS) invalid(RangeError, name, BELOW_LONGEST_DURATION, ms);
  return ns;
}

const FIELDS = ['steps', 'duration', 'factor', 'jitter', 'cap'] as const;

/**
 * The `TypeError` for fields that are not numbers: every missing field at once, so that a config
 * written for another retry library (`count`, `retries`, `maxAttempts`, `initialInterval`...)
 * learns this one's names, and what `steps` counts; otherwise the first field of a wrong type.
 */
function badType(...given: unknown[]): never {
  const missing = FIELDS.filter((_, i) => i < 4 && given[i] === undefined);
  const index = given.findIndex((value) => typeof value !== 'number' && value !== undefined);
  invalid(
    TypeError,
    `Backoff.${missing.join(', Backoff.') || FIELDS[index]}`,
    (missing[1] ? 'be numbers' : 'be a number') + (missing[0] === 'steps' ? STEPS_COUNT_ATTEMPTS : ''),
    missing[0] ? undefined : given[index],
  );
}

const STEPS_COUNT_ATTEMPTS = ' (steps counts attempts, the first included: 3 retries are steps 4)';
