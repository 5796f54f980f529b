import { throwInputError, type ForeignField } from '../input/input-error.js';
import { invalid, shown } from '../input/invalid.js';
import { isObject } from '../input/is-object.js';
import { DefaultRetry, type Backoff } from './backoff.js';
import { BELOW_LONGEST_DURATION, MAX_DURATION_NS, type BackoffSpec } from './backoff-spec.js';
import { checkLongestWait } from './longest-wait.js';

/**
 * Checks a backoff and converts it to nanoseconds. Go would run a negative, infinite or NaN field,
 * or zero steps, without complaint (zero steps: `fn` is never called and nil is returned); here such
 * a config is a bug to report where it was written, so it throws when the operator is created.
 * So does a backoff whose waits could pass Go's longest duration, which Go would wrap to a negative
 * sleep, i.e. no wait at all. Every error carries its facts as `info` (see `isInputError`).
 * @internal
 */
export function toBackoffSpec(backoff: Backoff): BackoffSpec {
  // `DefaultRetry` is frozen, with plain fields: checked once, its spec is the same every time.
  // `retryOnConflict()` takes it, and is often made per call: performance.md's row "Made per call,
  // making the operator alone" (target: 2× RxJS's `retry`) counts on not checking it again.
  if (backoff === DefaultRetry) return (defaultRetrySpec ??= checkBackoff(backoff));
  return checkBackoff(backoff);
}

/** `DefaultRetry`'s spec, made at its first use. */
let defaultRetrySpec: BackoffSpec | undefined;

function checkBackoff(backoff: Backoff): BackoffSpec {
  if (!isObject(backoff)) invalid(TypeError, 'Backoff', 'be an object', backoff);
  const { steps, duration, factor, jitter, cap } = readFields(backoff);
  // Missing fields first, all at once; then each field in turn, its type and its rule.
  if (steps === undefined || duration === undefined || factor === undefined || jitter === undefined)
    missing(backoff, { steps, duration, factor, jitter });
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

/**
 * The five fields, each read once (a getter may answer differently on a second read); a getter that
 * throws is named as an unreadable field. Read by name, one statement each: the same reads as a loop
 * over the names made the operator about three times slower to make, which performance.md's row
 * "Made per call, making the operator alone" (target: 2× RxJS's `retry`) would not meet.
 */
function readFields(backoff: Readonly<Record<string, unknown>>): Record<keyof Backoff, unknown> {
  let steps: unknown, duration: unknown, factor: unknown, jitter: unknown;
  try {
    steps = backoff['steps'];
  } catch (error: unknown) {
    unreadable('steps', error);
  }
  try {
    duration = backoff['duration'];
  } catch (error: unknown) {
    unreadable('duration', error);
  }
  try {
    factor = backoff['factor'];
  } catch (error: unknown) {
    unreadable('factor', error);
  }
  try {
    jitter = backoff['jitter'];
  } catch (error: unknown) {
    unreadable('jitter', error);
  }
  try {
    return { steps, duration, factor, jitter, cap: backoff['cap'] };
  } catch (error: unknown) {
    unreadable('cap', error);
  }
}

function unreadable(name: keyof Backoff, thrown: unknown): never {
  const field = `Backoff.${name}`;
  throwInputError(
    new TypeError(`${field} could not be read: ${String((thrown as Error | null)?.message ?? thrown)}`, {
      cause: thrown,
    }),
    { problem: 'unreadable', field, rule: 'be readable', value: thrown },
  );
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

/** The fields a `Backoff` has. */
const BACKOFF_FIELDS: readonly string[] = ['steps', 'duration', 'factor', 'jitter', 'cap'];

/**
 * Names other retry libraries give to a `Backoff` field, with what to add to their value: they
 * count retries (one less than `steps`, which counts attempts) or attempts, or name the first wait
 * or the factor otherwise.
 */
const WRITE_INSTEAD: Readonly<Record<string, readonly ['steps' | 'duration' | 'factor', number]>> = {
  count: ['steps', 1],
  retries: ['steps', 1],
  maxRetries: ['steps', 1],
  maxAttempts: ['steps', 0],
  attempts: ['steps', 0],
  initialInterval: ['duration', 0],
  initialDelay: ['duration', 0],
  delay: ['duration', 0],
  minTimeout: ['duration', 0],
  multiplier: ['factor', 0],
};

/**
 * The `TypeError` for missing fields, all named at once, and for each field written that a
 * `Backoff` does not read, what to write instead (`count: 3 → steps: 4`), so that a config written
 * for another retry library learns this one's names.
 */
function missing(backoff: Readonly<Record<string, unknown>>, required: Record<string, unknown>): never {
  const fields = Object.keys(required)
    .filter((name) => required[name] === undefined)
    .map((name) => `Backoff.${name}`);
  const rule = `be ${fields.length > 1 ? 'numbers' : 'a number'}${fields[0] === 'Backoff.steps' ? ' (steps = attempts = retries + 1)' : ''}`;
  const foreign = foreignFields(backoff);
  const hints = foreign.map(
    ({ field, value, instead }) =>
      `; ${field} is not a Backoff field${instead ? `: ${field}: ${shown(value)} → ${instead.field}: ${shown(instead.value)}` : ''}`,
  );
  throwInputError(new TypeError(`${fields.join(', ')} must ${rule}, got undefined${hints.join('')}`), {
    problem: 'missing',
    field: fields[0] ?? 'Backoff',
    rule,
    value: undefined,
    fields,
    foreign,
  });
}

/** The fields of `backoff` that a `Backoff` does not have, with what to write instead where known. */
function foreignFields(backoff: Readonly<Record<string, unknown>>): ForeignField[] {
  try {
    return Object.keys(backoff)
      .filter((field) => !BACKOFF_FIELDS.includes(field))
      .map((field): ForeignField => {
        const value = backoff[field];
        const known = Object.hasOwn(WRITE_INSTEAD, field) ? WRITE_INSTEAD[field] : undefined;
        if (known === undefined) return { field, value };
        const [name, plus] = known;
        return {
          field,
          value,
          instead: { field: name, value: typeof value === 'number' ? value + plus : value },
        };
      });
  } catch {
    // A Proxy whose keys cannot be listed, or a getter that throws: the missing fields are still named.
    return [];
  }
}
