import type { Backoff } from '../backoff/backoff.js';
import { MAX_LISTED_STEPS } from '../backoff/backoff-schedule.js';
import { isInputError } from '../input/input-error.js';
import { formatMs } from '../plan/format-ms.js';
import { planBackoff, type BackoffPlan } from '../plan/plan-backoff.js';
import { BACKOFF_FLAG_OPTIONS, parseFlags, usageErrorForBackoff, UsageError } from './backoff-flags.js';
import { backoffFromPresetFlags, PRESET_FLAG_OPTION } from './preset-flag.js';
import { formatTextTable } from './text-table.js';

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
  --steps N        most attempts, an integer from 1 to ${MAX_LISTED_STEPS} (more when a cap ends
                   the retries sooner)
  --duration MS    first wait in milliseconds
  --factor F       multiplier per wait; 0 keeps the duration
  --jitter J       each wait d becomes d + random()*J*d; 0 = none
  --cap MS         cap on the duration; 0 = none. Go's rule: reaching it ends the retries
  --json           print the plan as JSON; for a backoff that cannot be planned,
                   { "error": { "message", "problem", "field", ... } } instead
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
 * number or an unknown preset; whether the backoff can be planned is {@link planFor}'s to say.
 *
 * @example
 * ```ts
 * parsePlanFlags(['--steps', '4', '--factor', '5']).backoff; // { ...DefaultRetry, steps: 4, factor: 5, cap: 0 }
 * ```
 */
export function parsePlanFlags(argv: readonly string[]): PlanRequest {
  const values = parseFlags(argv, {
    ...PRESET_FLAG_OPTION,
    ...BACKOFF_FLAG_OPTIONS,
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  // How many steps can be listed is the library's rule (`MAX_LISTED_STEPS`), checked by `planFor`.
  const backoff = backoffFromPresetFlags(values);
  return { backoff, json: values.json === true, help: values.help === true };
}

/**
 * Computes the plan for a backoff given on the command line, turning the library's input error
 * into a {@link UsageError} that names the flag to change (see `usageErrorForBackoff`), with the
 * input error, and so its `info`, as `cause`.
 *
 * @example
 * ```ts
 * planFor({ steps: 0, duration: 10, factor: 1, jitter: 0 }); // throws UsageError: --steps: Backoff.steps must be an integer >= 1, got 0
 * planFor({ ...DefaultRetry, jitter: 1e308 }); // throws UsageError: --jitter 1e+308 overflows: ...
 * ```
 */
export function planFor(backoff: Backoff): BackoffPlan {
  try {
    return planBackoff(backoff);
  } catch (error: unknown) {
    throw usageErrorForBackoff(error, backoff);
  }
}

/**
 * What `plan --json` prints for a backoff that cannot be planned: the message, and the facts of the
 * library's input error (`problem`, `field`, `rule`, `value`, and for an overflow `wait`,
 * `maxSteps`, `fixes`...), so that a script reads them without parsing the message. Nothing in it
 * looks like a plan. A number JSON cannot hold (`Infinity`, `NaN`) is written as a string.
 *
 * @example
 * ```ts
 * let printed = '';
 * try {
 *   planFor({ ...DefaultRetry, steps: 0 });
 * } catch (error) {
 *   if (error instanceof Error) printed = planErrorJson(error);
 * }
 * JSON.parse(printed).error.field; // 'Backoff.steps'
 * ```
 */
export function planErrorJson(error: Error): string {
  const cause: unknown = error.cause;
  const facts = isInputError(cause) ? cause.info : {};
  const numbersAsJson = (_key: string, value: unknown): unknown =>
    typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
  return `${JSON.stringify({ error: { message: error.message, ...facts } }, numbersAsJson, 2)}\n`;
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
function formatOverflowPlan(backoff: Backoff, maxSteps: number): string {
  const plan = planBackoff({ ...backoff, steps: maxSteps });
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
 * the exit code. A {@link UsageError} is left to the caller (exit code 2), after printing, for a
 * backoff that cannot be planned, its facts as JSON with `--json` ({@link planErrorJson}), or as
 * text, for waits that would overflow, the plan of the waits that fit.
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
    if (error instanceof UsageError) {
      const cause: unknown = error.cause;
      if (request.json) out.write(planErrorJson(error));
      else if (isInputError(cause) && cause.info.problem === 'overflow')
        out.write(formatOverflowPlan(request.backoff, cause.info.maxSteps));
    }
    throw error;
  }
  out.write(request.json ? `${JSON.stringify(plan, null, 2)}\n` : formatPlan(plan));
  return 0;
}
