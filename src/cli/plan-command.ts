import { DefaultBackoff, DefaultRetry, type Backoff } from '../backoff/backoff.js';
import {
  BACKOFF_FLAG_OPTIONS,
  backoffFromFlags,
  parseFlags,
  usageErrorForBackoff,
  UsageError,
} from './backoff-flags.js';
import { formatMs, planBackoff, type BackoffPlan } from '../plan/plan-backoff.js';

export { UsageError } from './backoff-flags.js';

/** The most steps `plan` lays out: a schedule is for reading. */
const MAX_PLAN_STEPS = 1000;

/**
 * The help text of `plan`.
 *
 * @example
 * ```ts
 * process.stdout.write(PLAN_USAGE);
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
  --help           this text
`;

/**
 * What `plan` was asked for.
 *
 * @example
 * ```ts
 * const { backoff, json } = parsePlanFlags(['--preset', 'DefaultBackoff', '--json']);
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
 * parsePlanFlags(['--steps', '4', '--factor', '5']).backoff; // DefaultRetry with steps 4, factor 5
 * ```
 */
export function parsePlanFlags(argv: readonly string[]): PlanRequest {
  const values = parseFlags(argv, {
    preset: { type: 'string' },
    ...BACKOFF_FLAG_OPTIONS,
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  const presets: Record<string, Backoff> = { DefaultRetry, DefaultBackoff };
  const preset = presets[values.preset ?? 'DefaultRetry'];
  if (preset === undefined) {
    throw new UsageError(
      `--preset must be DefaultRetry or DefaultBackoff, got ${JSON.stringify(values.preset)}`,
    );
  }
  const backoff = backoffFromFlags(values, preset);
  if (backoff.steps > MAX_PLAN_STEPS) {
    throw new UsageError(`--steps must be at most ${MAX_PLAN_STEPS} for a plan, got ${backoff.steps}`);
  }
  return { backoff, json: values.json === true, help: values.help === true };
}

/**
 * Computes the plan for a backoff given on the command line, turning the library's
 * `RangeError`/`TypeError` about a field into a {@link UsageError} that names the flag.
 *
 * @example
 * ```ts
 * planFor({ steps: 0, duration: 10, factor: 1, jitter: 0 }); // throws UsageError: --steps: Backoff.steps must be ...
 * ```
 */
export function planFor(backoff: Backoff): BackoffPlan {
  try {
    return planBackoff(backoff);
  } catch (error: unknown) {
    throw usageErrorForBackoff(error);
  }
}

/**
 * Lays a plan out for a terminal: one line per attempt with the wait after it as min..max and the
 * worst case so far, then the total and the warnings.
 *
 * @example
 * ```ts
 * process.stdout.write(formatPlan(planBackoff(DefaultBackoff)));
 * ```
 */
export function formatPlan(plan: BackoffPlan): string {
  const { backoff } = plan;
  const cap = backoff.cap ? `${backoff.cap} ms` : 'none';
  const lines = [
    `Backoff: steps ${backoff.steps}, duration ${backoff.duration} ms, factor ${backoff.factor}, ` +
      `jitter ${backoff.jitter}, cap ${cap}`,
    '',
  ];
  const rows: string[][] = [['attempt', 'then, if it fails', 'worst case so far']];
  for (const wait of plan.waits) {
    const range =
      wait.minMs === wait.maxMs ? formatMs(wait.minMs) : `${formatMs(wait.minMs)} .. ${formatMs(wait.maxMs)}`;
    const then = wait.attemptFollows ? `wait ${range}` : `wait ${range}, then give up (cap rule)`;
    rows.push([String(wait.afterAttempt), then, formatMs(wait.cumulativeMaxMs)]);
  }
  if (plan.waits.at(-1)?.attemptFollows !== false) {
    rows.push([String(plan.attempts), 'give up: the error reaches the caller', formatMs(plan.totalMaxMs)]);
  }
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  for (const row of rows) {
    lines.push(
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('   ')
        .trimEnd(),
    );
  }
  lines.push(
    '',
    `${plan.attempts} attempt${plan.attempts === 1 ? '' : 's'}; the caller sees the last error after ` +
      `${formatMs(plan.totalMinMs)} .. ${formatMs(plan.totalMaxMs)} of waiting, plus the attempts' own time.`,
  );
  for (const warning of plan.warnings) lines.push(`warning: ${warning.message}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Runs `plan` with its arguments: prints the text or JSON plan to `out`, or usage help; returns
 * the exit code. A {@link UsageError} is left to the caller (exit code 2).
 *
 * @example
 * ```ts
 * const code = runPlanCommand(['--steps', '5', '--json'], process.stdout);
 * ```
 */
export function runPlanCommand(argv: readonly string[], out: { write(text: string): unknown }): number {
  const request = parsePlanFlags(argv);
  if (request.help) {
    out.write(PLAN_USAGE);
    return 0;
  }
  const plan = planFor(request.backoff);
  out.write(request.json ? `${JSON.stringify(plan, null, 2)}\n` : formatPlan(plan));
  return 0;
}
