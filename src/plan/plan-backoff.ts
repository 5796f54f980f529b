import type { Backoff } from '../backoff/backoff.js';
import { backoffSchedule } from '../backoff/backoff-schedule.js';
import { largestRandom } from '../backoff/backoff-spec.js';
import { toBackoffSpec } from '../backoff/validate-backoff.js';
import { formatMs } from './format-ms.js';

/**
 * One wait of a schedule, as the jitter allows it to fall.
 *
 * @example
 * ```ts
 * planBackoff(DefaultBackoff).waits[0]; // { afterAttempt: 1, minMs: 10, maxMs: 10.999999, cumulativeMaxMs: 10.999999, attemptFollows: true }
 * ```
 */
export interface PlannedWait {
  /** The attempt that failed before this wait, counting from 1. */
  readonly afterAttempt: number;
  /** The wait when `random()` returns 0, in ms. */
  readonly minMs: number;
  /** The wait when `random()` returns its largest value (just below 1), in ms. */
  readonly maxMs: number;
  /** The sum of the waits so far at their longest, in ms. */
  readonly cumulativeMaxMs: number;
  /** Whether another attempt follows this wait; false for the last wait of Go's cap rule. */
  readonly attemptFollows: boolean;
}

/**
 * Something about a schedule that tends to surprise in production.
 *
 * @example
 * ```ts
 * planBackoff({ steps: 3, duration: 10, factor: 2, jitter: 0 }).warnings[0]?.code; // 'no-jitter'
 * ```
 */
export interface PlanWarning {
  /**
   * Which surprise: `cap-ends-retries` (Go's cap rule ends the retries before `steps` attempts),
   * `no-jitter`, `exceeds-http-timeouts` (the worst case outlasts common HTTP timeouts) or
   * `no-retry` (`steps` is 1).
   */
  readonly code: 'cap-ends-retries' | 'no-jitter' | 'exceeds-http-timeouts' | 'no-retry';
  /** The warning in words, with the figures of this backoff and what to change. */
  readonly message: string;
}

/**
 * A backoff's schedule when every attempt fails: what the caller waits before seeing the error.
 *
 * @example
 * ```ts
 * planBackoff(DefaultBackoff).attempts; // 4
 * planBackoff(DefaultBackoff).totalMaxMs; // 340.999998
 * ```
 */
export interface BackoffPlan {
  /** The backoff planned. */
  readonly backoff: Backoff;
  /** How many times the source is subscribed at most. */
  readonly attempts: number;
  /** One entry per wait, in order: a run that always fails makes these waits and no others. */
  readonly waits: readonly PlannedWait[];
  /** The waits added up at their shortest, in ms. */
  readonly totalMinMs: number;
  /** The waits added up at their longest: the worst case before the error reaches the caller. */
  readonly totalMaxMs: number;
  /** Whether Go's cap rule ends the retries before `steps` attempts. */
  readonly capEndsRetries: boolean;
  /** What tends to surprise in production about this schedule; empty when nothing does. */
  readonly warnings: readonly PlanWarning[];
}

/**
 * Timeouts a request commonly meets on its way; a retry loop that outlasts them is cut off.
 *
 * @example
 * ```ts
 * const plan = planBackoff({ steps: 6, duration: 1000, factor: 2, jitter: 0.5 });
 * COMMON_HTTP_TIMEOUTS.filter((timeout) => plan.totalMaxMs > timeout.ms).map((timeout) => timeout.ms); // [30_000]
 * ```
 */
export const COMMON_HTTP_TIMEOUTS: readonly { readonly ms: number; readonly where: string }[] = [
  { ms: 30_000, where: "Heroku's router and many API gateways" },
  {
    ms: 60_000,
    where: "nginx's proxy_read_timeout, AWS ALB's idle timeout, kube-apiserver's --request-timeout",
  },
];

/**
 * Plans a backoff for the case where every attempt fails: the jitter envelope of each wait
 * (`random()` at 0 and just below 1), the worst-case total before the error reaches the caller,
 * whether Go's cap rule ends the retries before `steps` attempts, and warnings, as data, for what
 * tends to surprise in production (the cap ending the retries early, no jitter, a total longer than
 * common HTTP timeouts, no retry at all). Built on {@link backoffDelays}, so it is the operator's own
 * schedule. The `plan` command prints it; use it in a unit test to pin a schedule down.
 *
 * @param backoff - the schedule; an invalid field throws the library's `RangeError`/`TypeError`.
 * @returns the plan; pure, no I/O.
 *
 * @example
 * ```ts
 * import { planBackoff } from 'rxjs-retry-on-conflict';
 *
 * const plan = planBackoff({ steps: 4, duration: 10, factor: 5, jitter: 0.1 });
 * plan.waits.map((wait) => [wait.minMs, wait.maxMs]); // [[10, 10.999999], [50, 55], [250, 274.999999]]
 * plan.totalMaxMs < 30_000; // true: the retries end well inside a 30 s HTTP timeout
 * plan.warnings.map((warning) => warning.code); // []
 * ```
 */
export function planBackoff(backoff: Backoff): BackoffPlan {
  const spec = toBackoffSpec(backoff);
  // The stepper says whether Go's cap rule ended the run; the jitter does not change that.
  const { delaysMs: shortest, capEndsRetries } = backoffSchedule(spec, () => 0);
  const longest = backoffSchedule(spec, largestRandom).delaysMs;
  const attempts = capEndsRetries ? shortest.length : shortest.length + 1;

  // Sums in whole nanoseconds, as the waits are, so that no float dust shows in the totals.
  let cumulativeMaxNs = 0;
  const waits = shortest.map((minMs, index): PlannedWait => {
    const maxMs = longest[index] ?? minMs;
    cumulativeMaxNs += Math.round(maxMs * 1e6);
    return {
      afterAttempt: index + 1,
      minMs,
      maxMs,
      cumulativeMaxMs: cumulativeMaxNs / 1e6,
      attemptFollows: !(capEndsRetries && index === shortest.length - 1),
    };
  });
  const totalMinMs = shortest.reduce((sumNs, ms) => sumNs + Math.round(ms * 1e6), 0) / 1e6;
  const totalMaxMs = cumulativeMaxNs / 1e6;
  const plan = { backoff, attempts, waits, totalMinMs, totalMaxMs, capEndsRetries };
  return { ...plan, warnings: warningsFor(plan) };
}

function warningsFor(plan: Omit<BackoffPlan, 'warnings'>): PlanWarning[] {
  const { backoff, attempts, waits, totalMaxMs, capEndsRetries } = plan;
  const warnings: PlanWarning[] = [];
  if (capEndsRetries) {
    warnings.push({
      code: 'cap-ends-retries',
      message:
        `cap ${backoff.cap} ms ends the retries after wait ${waits.length}: ${attempts} attempt${attempts === 1 ? '' : 's'}, not ` +
        `${backoff.steps}. Go's cap rule: once duration × factor would pass the cap, the next wait is the ` +
        `last and the error follows it. For more attempts raise the cap or lower the factor.`,
    });
  }
  if (backoff.steps === 1) {
    warnings.push({ code: 'no-retry', message: 'steps is 1: a single attempt, never a retry.' });
  } else if (backoff.jitter === 0 && waits.some((wait) => wait.minMs > 0)) {
    warnings.push({
      code: 'no-jitter',
      message:
        'jitter is 0: clients that conflict together retry together and conflict again (a thundering ' +
        'herd). A jitter of 0.1 or more spreads them.',
    });
  }
  const outlasted = COMMON_HTTP_TIMEOUTS.filter((timeout) => totalMaxMs > timeout.ms);
  if (outlasted.length > 0) {
    warnings.push({
      code: 'exceeds-http-timeouts',
      message:
        `the waits alone add up to ${formatMs(totalMaxMs)} at worst, longer than ` +
        outlasted.map((timeout) => `${timeout.ms / 1000} s (${timeout.where})`).join(' and ') +
        ': a request that runs this retry loop may be cut off before the error reaches its caller.',
    });
  }
  return warnings;
}
