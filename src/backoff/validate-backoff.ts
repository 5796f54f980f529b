import { invalid } from '../input/invalid.js';
import { isObject } from '../input/is-object.js';
import type { Backoff } from './backoff.js';
import { BELOW_LONGEST_DURATION, MAX_DURATION_NS, type BackoffSpec } from './backoff-spec.js';
import { checkLongestWait } from './longest-wait.js';

/**
 * Checks a backoff and converts it to nanoseconds. Go would run a negative, infinite or NaN field,
 * or zero steps, without complaint (zero steps: `fn` is never called and nil is returned); here such
 * a config is a bug to report where it was written, so it throws when the operator is created.
 * So does a backoff whose waits could pass Go's longest duration, which Go would wrap to a negative
 * sleep, i.e. no wait at all.
 * @internal
 */
export function toBackoffSpec(backoff: Backoff): BackoffSpec {
  if (!isObject(backoff)) invalid(TypeError, 'Backoff', 'be an object', backoff);
  // Each field is read once (a getter may answer differently on a second read), by name: a keyed
  // read in a helper costs half again the making of an operator.
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
      { cause: error },
    );
  }
  // Missing fields first, all at once; then each field in turn, its type and its rule.
  if (steps === undefined || duration === undefined || factor === undefined || jitter === undefined)
    missing(steps, duration, factor, jitter);
  if (typeof steps !== 'number') invalid(TypeError, 'Backoff.steps', 'be a number', steps);
  if (!(Number.isSafeInteger(steps) && steps >= 1))
    invalid(RangeError, 'Backoff.steps', 'be an integer >= 1', steps);
  const spec: BackoffSpec = {
    durationNs: toNs('Backoff.duration', duration),
    factor: finite('Backoff.factor', factor),
    jitter: finite('Backoff.jitter', jitter),
    steps,
    capNs: cap === undefined ? 0 : toNs('Backoff.cap', cap),
  };
  checkLongestWait(spec);
  return spec;
}

function finite(name: string, value: unknown): number {
  if (typeof value !== 'number') invalid(TypeError, name, 'be a number', value);
  if (!(value >= 0 && value < Infinity)) invalid(RangeError, name, 'be a finite number >= 0', value);
  return value;
}

/** Milliseconds as Go's whole nanoseconds, which must fit its int64. */
function toNs(name: string, ms: unknown): number {
  const ns = Math.round(finite(name, ms) * 1e6);
  if (ns >= MAX_DURATION_NS) invalid(RangeError, name, BELOW_LONGEST_DURATION, ms);
  return ns;
}

const FIELDS = ['steps', 'duration', 'factor', 'jitter'];

/**
 * The `TypeError` for missing fields, all named at once, so that a config written for another
 * retry library (`count`, `retries`, `maxAttempts`, `initialInterval`...) learns this one's names,
 * and what `steps` counts.
 */
function missing(...given: unknown[]): never {
  const names = FIELDS.filter((_, i) => given[i] === undefined);
  invalid(
    TypeError,
    `Backoff.${names.join(', Backoff.')}`,
    `be ${names[1] ? 'numbers' : 'a number'}${names[0] === 'steps' ? ' (steps = attempts = retries + 1)' : ''}`,
    undefined,
  );
}
