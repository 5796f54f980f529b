import { DefaultBackoff, DefaultRetry, type Backoff } from '../backoff/backoff.js';
import {
  BACKOFF_FLAG_OPTIONS,
  backoffFromFlags,
  parseFlags,
  usageErrorForBackoff,
  UsageError,
} from './backoff-flags.js';
import { formatMs } from '../plan/format-ms.js';
import { planBackoff, type BackoffPlan } from '../plan/plan-backoff.js';
import { formatTextTable } from './text-table.js';

/** The most steps `plan` lays out: a schedule is for reading. */
const MAX_PLAN_STEPS = 1000;

/**
 * The help text of `plan`.
 *
 * @example
 * ```ts
 * PLAN_USAGE.startsWith('Usage: rxjs-retry-on-conflict plan'); // true
 * ```
 */
export const PLAN_USAGE = `Usage: rxjs-retry-on-conflict plan [--preset NAME] [--steps N] [--duration MS] [--factor F]
                                   [--jitter J] [--cap MS] [--json]

Prints the waits of a backoff when every attempt fails: each wait as min..max (the jitter envelope),
the worst case added up before the error reaches the caller, and warnings.

  --preset NAME    start from DefaultRetry (default) or DefaultBackoff; flags override its fields
  --steps N        most attempts, an integer from 1 to ${MAX_PLAN_STEPS}
  --duration MS    first wait in milliseconds
  --factor F       multiplier per wait; 0 keeps the duration
  --jitter J       each wait d becomes d + random()*J*d; 0 = none
  --cap MS         cap on the duration; 0 = none. Go's rule: reaching it ends the retries
  --json           print the plan as JSON
  -h, --help       this text

Exit status: 0 for a plan, 2 for a usage error or a backoff that cannot be planned.
`;

/**
 * What `plan` was asked for.
 *
 * @example
 * ```ts
 * parsePlanFlags(['--preset', 'DefaultBackoff', '--json']).json; // true
 * ```
 */
export interface PlanRequest {
  /** The backoff to plan: a preset with the flags' fields over it. */
  readonly backoff: Backoff;
  /** Whether to print JSON rather than text. */
  readonly json: boolean;
  /** Whether `--help` was asked for. */
  readonly help: boolean;
}

/**
 * Reads `plan`'s flags. Throws a {@link UsageError} for an unknown flag, a value that is not a
 * number, an unknown preset, too many steps, or a backoff the library rejects (naming the flag).
 *
 * @example
 * ```ts
 * parsePlanFlags(['--steps', '4', '--factor', '5']).backoff; // { ...DefaultRetry, steps: 4, factor: 5, cap: 0 }
 * ```
 */
export function parsePlanFlags(argv: readonly string[]): PlanRequest {
  const values = parseFlags(argv, {
    preset: { type: 'string' },
    ...BACKOFF_FLAG_OPTIONS,
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  const presets: Record<string, Backoff> = { DefaultRetry, DefaultBackoff };
  const preset = presets[values.preset ?? 'DefaultRetry'];
  if (preset === undefined) {
    throw new UsageError(
      `--preset must be DefaultRetry or DefaultBackoff, got ${JSON.stringify(values.preset)}`,
    );
  }
  const backoff = backoffFromFlags(values, preset);
  // Infinity and fractions are left to the library's own rule for steps.
  if (Number.isInteger(backoff.steps) && backoff.steps > MAX_PLAN_STEPS) {
    throw new UsageError(`--steps must be at most ${MAX_PLAN_STEPS} for a plan, got ${backoff.steps}`);
  }
  return { backoff, json: values.json === true, help: values.help === true };
}

/**
 * A backoff whose waits would pass Go's longest duration: a {@link UsageError} that also carries the
 * plan of the attempts before the wait that overflows, so that the command can print it first.
 *
 * @example
 * ```ts
 * try {
 *   planFor({ ...DefaultRetry, steps: 100, factor: 2 });
 * } catch (error) {
 *   if (error instanceof PlanOverflowError) error.plan.attempts; // 41
 * }
 * ```
 */
export class PlanOverflowError extends UsageError {
  override readonly name = 'PlanOverflowError';

  constructor(
    message: string,
    /** The plan with as many steps as plan without overflowing. */
    readonly plan: BackoffPlan,
  ) {
    super(message);
  }
}

/**
 * Computes the plan for a backoff given on the command line, turning the library's
 * `RangeError`/`TypeError` about a field into a {@link UsageError} that names the flag. A backoff
 * whose waits would overflow is a {@link PlanOverflowError} that names the flag to change (the
 * jitter for a jitter overflow, else the steps or the factor) and carries the plan of the waits
 * before the one that overflows.
 *
 * @example
 * ```ts
 * planFor({ steps: 0, duration: 10, factor: 1, jitter: 0 }); // throws UsageError: --steps: Backoff.steps must be an integer >= 1, got 0
 * planFor({ ...DefaultRetry, jitter: 1e308 }); // throws PlanOverflowError: --jitter 1e+308 overflows: ...
 * ```
 */
export function planFor(backoff: Backoff): BackoffPlan {
  try {
    return planBackoff(backoff);
  } catch (error: unknown) {
    const overflow = overflowError(backoff, error);
    throw overflow ?? usageErrorForBackoff(error);
  }
}

/** Go's longest duration, for people. */
const LONGEST_DURATION = "Go's longest duration (2^63 ns, about 292 years)";

function plans(backoff: Backoff): boolean {
  try {
    planBackoff(backoff);
    return true;
  } catch {
    return false;
  }
}

/**
 * The overflow error for `backoff` if `error` says its waits overflow, else undefined. Finds the
 * most steps that plan by bisection, so it holds whether the library finds the overflow while
 * stepping or before the first step.
 */
function overflowError(backoff: Backoff, error: unknown): PlanOverflowError | undefined {
  if (!(error instanceof RangeError && /overflow|longest duration/i.test(error.message))) return undefined;
  if (!plans({ ...backoff, steps: 1 })) return undefined;
  let fits = 1;
  let overflows = backoff.steps;
  while (overflows - fits > 1) {
    const middle = Math.floor((fits + overflows) / 2);
    if (plans({ ...backoff, steps: middle })) fits = middle;
    else overflows = middle;
  }
  // Steps `fits` make `fits - 1` waits; the next wait is the one that overflows.
  const wait = fits;
  // The jitter is to blame only if the waits without it fit, all of them.
  const jitterOnly = backoff.jitter > 0 && plans({ ...backoff, jitter: 0 });
  const message = jitterOnly
    ? `--jitter ${backoff.jitter} overflows: the jitter can stretch wait ${wait} past ${LONGEST_DURATION}. ` +
      `Lower --jitter: a wait d can become d + jitter × d.`
    : `the waits overflow: wait ${wait} would be longer than ${LONGEST_DURATION}. Lower --factor (now ${backoff.factor}), or --steps to ${fits} or less ` +
      `(now ${backoff.steps}). A --cap would end the retries when the wait reaches it (Go's cap rule).`;
  return new PlanOverflowError(message, planBackoff({ ...backoff, steps: fits }));
}

/**
 * Lays a plan out for a terminal: one line per attempt with the wait after it as min..max and the
 * worst case so far, then the total and the warnings.
 *
 * @example
 * ```ts
 * formatPlan(planBackoff({ ...DefaultBackoff, jitter: 0 })).split('\n')[3]; // '1         wait 10 ms                              10 ms'
 * ```
 */
export function formatPlan(plan: BackoffPlan): string {
  const lines = [...planTable(plan.backoff, plan)];
  lines.push(
    '',
    `${count(plan.attempts, 'attempt')}; the caller sees the last error after ` +
      `${range(plan.totalMinMs, plan.totalMaxMs)} of waiting, plus the attempts' own time.`,
  );
  for (const warning of plan.warnings) lines.push(`warning: ${warning.message}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The table of a plan cut short by an overflow: the backoff as asked for, the waits that fit, and
 * the attempt after which the wait overflows.
 */
function formatOverflowPlan(backoff: Backoff, plan: BackoffPlan): string {
  return `${planTable(backoff, plan, `wait past Go's longest duration: see below`).join('\n')}\n`;
}

function planTable(backoff: Backoff, plan: BackoffPlan, lastRow?: string): string[] {
  const cap = backoff.cap ? `${backoff.cap} ms` : 'none';
  const rows: string[][] = [['attempt', 'then, if it fails', 'worst case so far']];
  for (const wait of plan.waits) {
    const then = `wait ${range(wait.minMs, wait.maxMs)}${wait.attemptFollows ? '' : ', then give up (cap rule)'}`;
    rows.push([String(wait.afterAttempt), then, formatMs(wait.cumulativeMaxMs)]);
  }
  if (lastRow !== undefined) {
    rows.push([String(plan.attempts), lastRow, '']);
  } else if (plan.waits.at(-1)?.attemptFollows !== false) {
    rows.push([String(plan.attempts), 'give up: the error reaches the caller', formatMs(plan.totalMaxMs)]);
  }
  return [
    `Backoff: steps ${backoff.steps}, duration ${backoff.duration} ms, factor ${backoff.factor}, ` +
      `jitter ${backoff.jitter}, cap ${cap}`,
    '',
    formatTextTable(rows),
  ];
}

/** `10 ms .. 11 ms`, or `10 ms` when there is no jitter to make a range. */
function range(minMs: number, maxMs: number): string {
  return minMs === maxMs ? formatMs(minMs) : `${formatMs(minMs)} .. ${formatMs(maxMs)}`;
}

/** `1 attempt`, `2 attempts`. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * Runs `plan` with its arguments: prints the text or JSON plan to `out`, or usage help; returns
 * the exit code. A {@link UsageError} is left to the caller (exit code 2); for a
 * {@link PlanOverflowError} the plan of the waits that fit is printed first.
 *
 * @example
 * ```ts
 * let printed = '';
 * runPlanCommand(['--steps', '2', '--json'], { write: (text: string) => (printed += text) }); // 0
 * JSON.parse(printed).attempts; // 2
 * ```
 */
export function runPlanCommand(argv: readonly string[], out: { write(text: string): unknown }): number {
  const request = parsePlanFlags(argv);
  if (request.help) {
    out.write(PLAN_USAGE);
    return 0;
  }
  let plan: BackoffPlan;
  try {
    plan = planFor(request.backoff);
  } catch (error: unknown) {
    if (error instanceof PlanOverflowError) {
      out.write(
        request.json
          ? `${JSON.stringify(error.plan, null, 2)}\n`
          : formatOverflowPlan(request.backoff, error.plan),
      );
    }
    throw error;
  }
  out.write(request.json ? `${JSON.stringify(plan, null, 2)}\n` : formatPlan(plan));
  return 0;
}
