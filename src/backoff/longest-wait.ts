import { throwInputError } from '../input/input-error.js';
import { BELOW_LONGEST_DURATION, largestRandom, MAX_DURATION_NS, type BackoffSpec } from './backoff-spec.js';
import { startBackoff, stepBackoff } from './backoff-step.js';

/** Waits walked one by one, at most; a run still growing after them is judged by a bound. */
const WALK_LIMIT = 65_536;

/**
 * Throws a `RangeError` if some wait of the backoff could reach Go's longest duration, whatever
 * `random()` returns: Go would wrap such a wait to a negative one and retry at once.
 *
 * The waits are walked with Go's arithmetic and `random()` just below 1 (a wait only grows with
 * it), until the durations stop growing, the cap ends the run or the steps run out: exact, and
 * short, since growth by a factor reaches the limit, the cap or a fixed point within a few hundred
 * steps. Only a growth so slow that it is still going after {@link WALK_LIMIT} waits
 * (`duration: 1e6`, `factor: 1.0001`, `steps: 1e15`) is judged by an upper bound on the rest of the
 * run: the walk jumps to the last wait with the duration grown without truncation, rounded up at
 * every step and held to the cap. Go's arithmetic only grows with the duration, so that wait is at
 * least as long as any the run could make. A run the bound cannot clear is refused, which takes
 * waits of decades.
 * @internal
 */
export function checkLongestWait(spec: BackoffSpec): void {
  const state = startBackoff(spec);
  for (let wait = 1; state.steps > 1; wait++) {
    const durationNs = state.durationNs;
    if (wait > WALK_LIMIT) {
      // 2^-50 is more than the rounding of a product of doubles (2^-53), and of the power itself.
      state.durationNs = Math.min(
        durationNs * (spec.factor * (1 + 2 ** -50)) ** (state.steps - 2) * (1 + 2 ** -50),
        spec.capNs || Infinity,
      );
      state.steps = 2;
    }
    // The wait as stepBackoff makes it, with the largest double below 1 as random().
    const longestNs = stepBackoff(spec, state, largestRandom);
    if (longestNs >= MAX_DURATION_NS) overflow(spec, wait, wait > WALK_LIMIT, longestNs / 1e6);
    // A duration that no longer grows (factor <= 1, or truncated back) keeps every later wait as
    // short; the cap rule, which leaves no steps, ends the loop.
    if (state.durationNs <= durationNs) return;
  }
}

/**
 * The `RangeError` for a wait that could pass Go's longest duration, with its facts as `info`: the
 * wait, how long it could be, the most steps that fit and what would fix it.
 */
function overflow(spec: BackoffSpec, wait: number, orLater: boolean, longestMs: number): never {
  // The first wait is the duration itself, below the limit: only jitter carries it past.
  const fix = wait < 2 ? 'jitter' : `steps to ${wait}, factor or jitter, or set a lower cap`;
  const field = `Backoff overflow: wait ${wait}${orLater ? ' or a later one' : ''} (lower ${fix})`;
  throwInputError(new RangeError(`${field} must ${BELOW_LONGEST_DURATION}, got ${longestMs}`), {
    problem: 'overflow',
    field: 'Backoff',
    rule: BELOW_LONGEST_DURATION,
    value: longestMs,
    wait,
    orLater,
    maxSteps: wait,
    fixes: wait < 2 ? ['jitter'] : ['steps', 'factor', 'jitter', 'cap'],
    jitterAlone: spec.jitter > 0 && fitsWithoutJitter(spec),
  });
}

function fitsWithoutJitter(spec: BackoffSpec): boolean {
  try {
    checkLongestWait({ ...spec, jitter: 0 });
    return true;
  } catch {
    return false;
  }
}
