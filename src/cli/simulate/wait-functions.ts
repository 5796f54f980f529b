import type { Backoff } from '../../backoff/backoff.js';
import { planBackoff } from '../../plan/plan-backoff.js';

/**
 * A retry schedule as a plain function: the wait in milliseconds before retry `retry` (1 for the
 * first retry), drawing from `random` (numbers in [0, 1)) if it jitters. A schedule with memory,
 * such as decorrelated jitter, is made anew for each update by a {@link WaitSchedule}.
 *
 * @example
 * ```ts
 * const fixed: WaitFunction = () => 10;
 * fixed(3, Math.random); // 10
 * ```
 */
export type WaitFunction = (retry: number, random: () => number) => number;

/**
 * Makes the {@link WaitFunction} of one update (one run of retries).
 *
 * @example
 * ```ts
 * const schedule: WaitSchedule = () => (retry) => 5 * 2 ** retry;
 * schedule()(2, Math.random); // 20
 * ```
 */
export type WaitSchedule = () => WaitFunction;

/**
 * The five backoffs of the AWS Architecture Blog post "Exponential Backoff And Jitter", as that
 * post's simulator computes them, with `base` and `cap` in milliseconds (it uses 5 and 2000):
 * with `expo(n) = min(cap, base · 2ⁿ)`,
 * - `none`: 0;
 * - `exponential`: `expo(n)`;
 * - `equalJitter`: `expo(n)/2 + uniform(0, expo(n)/2)`;
 * - `fullJitter`: `uniform(0, expo(n))`;
 * - `decorrelated`: `sleep = min(cap, uniform(base, sleep · 3))`, `sleep` starting at `base`.
 *
 * Here the cap only bounds a wait; under Go's rule (`Backoff.cap`) reaching it ends the retries.
 *
 * @example
 * ```ts
 * const waits = awsBackoffs(5, 2000);
 * waits.exponential()(1, Math.random); // 10
 * waits.exponential()(20, Math.random); // 2000
 * waits.fullJitter()(1, () => 0.5); // 5
 * ```
 */
export function awsBackoffs(baseMs: number, capMs: number): Readonly<Record<AwsBackoffName, WaitSchedule>> {
  const expo = (retry: number): number => Math.min(capMs, 2 ** retry * baseMs);
  return {
    exponential: () => (retry) => expo(retry),
    decorrelated: () => {
      let sleepMs = baseMs;
      return (_retry, random) => (sleepMs = Math.min(capMs, uniform(random, baseMs, sleepMs * 3)));
    },
    equalJitter: () => (retry, random) => expo(retry) / 2 + uniform(random, 0, expo(retry) / 2),
    fullJitter: () => (retry, random) => uniform(random, 0, expo(retry)),
    none: () => () => 0,
  };
}

/**
 * The names of {@link awsBackoffs}, in the order the AWS post's simulator runs them.
 *
 * @example
 * ```ts
 * AWS_BACKOFF_NAMES.length; // 5
 * ```
 */
export const AWS_BACKOFF_NAMES = [
  'exponential',
  'decorrelated',
  'equalJitter',
  'fullJitter',
  'none',
] as const;

/** One of {@link AWS_BACKOFF_NAMES}. */
export type AwsBackoffName = (typeof AWS_BACKOFF_NAMES)[number];

/**
 * Go's jitter rule beside the AWS post's full jitter, for one duration `d`: `wait.Jitter` stretches it
 * to `d + random · jitter · d`, so every wait lies in `d .. d·(1+jitter)` and is never shorter than
 * `d`; AWS's full jitter draws it from `0 .. d`. The first is what `Backoff.jitter` does (in milliseconds here,
 * not Go's whole nanoseconds); the second is not expressible as a `Backoff`, so a simulation runs it
 * as a plain wait function.
 *
 * @example
 * ```ts
 * goJitter(10, 1, () => 0.5); // 15
 * fullJitter(10, () => 0.5); // 5
 * ```
 */
export function goJitter(durationMs: number, jitter: number, random: () => number): number {
  return durationMs + random() * jitter * durationMs;
}

/** The AWS post's full jitter: a wait drawn from `0 .. d`. See {@link goJitter}. */
export function fullJitter(durationMs: number, random: () => number): number {
  return random() * durationMs;
}

function uniform(random: () => number, low: number, high: number): number {
  return low + (high - low) * random();
}

/**
 * A Go backoff's durations (Go's schedule, jitter left out) with the AWS post's full jitter in place
 * of Go's: each wait drawn from `0 .. d`, and as many attempts as Go makes. For comparing the two jitter rules on
 * one schedule. Where Go's cap rule ends the retries, the give-up comes without the final wait.
 *
 * @example
 * ```ts
 * import { DefaultBackoff } from 'rxjs-retry-on-conflict';
 *
 * const { schedule, maxAttempts } = fullJitterOf(DefaultBackoff);
 * maxAttempts; // 4
 * schedule()(2, () => 0.5); // 25
 * ```
 */
export function fullJitterOf(backoff: Backoff): {
  readonly schedule: WaitSchedule;
  readonly maxAttempts: number;
} {
  const plan = planBackoff({ ...backoff, jitter: 0 });
  const durationsMs = plan.waits.map((wait) => wait.minMs);
  return {
    schedule: () => (retry, random) => fullJitter(durationsMs[retry - 1] ?? 0, random),
    maxAttempts: plan.attempts,
  };
}
