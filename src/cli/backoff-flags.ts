import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Backoff } from '../backoff/backoff.js';
import { toBackoffSpec } from '../backoff/validate-backoff.js';
import { isInputError, type BackoffOverflow } from '../input/input-error.js';

/**
 * A command line that cannot be run; the command prints the message and exits with code 2.
 *
 * @example
 * ```ts
 * new UsageError('--writers must be an integer from 1 to 500, got "0"').name; // 'UsageError'
 * ```
 */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}

/**
 * The flag of each field an input error can name: `info.field`, never the message, says which.
 */
const FLAG_OF_FIELD: Readonly<Record<string, string>> = {
  'Backoff.steps': '--steps',
  'Backoff.duration': '--duration',
  'Backoff.factor': '--factor',
  'Backoff.jitter': '--jitter',
  'Backoff.cap': '--cap',
};

/**
 * Reads a command line strictly (no positionals, no unknown flags) with `node:util` `parseArgs`,
 * turning its complaints into {@link UsageError}s. A negative number is taken as the value of the
 * flag before it (`--duration -1`), as people write it, so that the backoff's own rule reports it;
 * `parseArgs` alone would call it ambiguous.
 *
 * @example
 * ```ts
 * parseFlags(['--steps', '3'], { ...BACKOFF_FLAG_OPTIONS, help: { type: 'boolean' } }); // { steps: '3' }
 * parseFlags(['--duration', '-1'], BACKOFF_FLAG_OPTIONS); // { duration: '-1' }
 * ```
 */
export function parseFlags<const Options extends NonNullable<ParseArgsConfig['options']>>(
  argv: readonly string[],
  options: Options,
) {
  try {
    return parseArgs({
      args: joinNegativeValues(argv, options),
      strict: true,
      allowPositionals: false,
      options,
    }).values;
  } catch (error: unknown) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** `-1`, `-0.5`, `-.5`, `-1e3`, `-Infinity`: what a negative number looks like on a command line. */
const NEGATIVE_NUMBER = /^-(?:\d|\.\d|Infinity$)/;

/** `['--cap', '-5']` becomes `['--cap=-5']` when `--cap` takes a value; anything else is kept. */
function joinNegativeValues(
  argv: readonly string[],
  options: NonNullable<ParseArgsConfig['options']>,
): string[] {
  const args: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    const next = argv[index + 1];
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : undefined;
    if (
      name !== undefined &&
      options[name]?.type === 'string' &&
      next !== undefined &&
      NEGATIVE_NUMBER.test(next)
    ) {
      args.push(`${arg}=${next}`);
      index++;
    } else {
      args.push(arg);
    }
  }
  return args;
}

/**
 * `node:util` `parseArgs` options for the five {@link Backoff} fields, each a string flag
 * (`--steps --duration --factor --jitter --cap`), read by {@link backoffFromFlags}.
 *
 * @example
 * ```ts
 * parseFlags(['--steps', '5', '--cap', '30'], BACKOFF_FLAG_OPTIONS); // { steps: '5', cap: '30' }
 * ```
 */
export const BACKOFF_FLAG_OPTIONS = {
  steps: { type: 'string' },
  duration: { type: 'string' },
  factor: { type: 'string' },
  jitter: { type: 'string' },
  cap: { type: 'string' },
} as const;

/** The string values `parseArgs` gives for {@link BACKOFF_FLAG_OPTIONS}. */
export type BackoffFlagValues = {
  readonly [field in keyof typeof BACKOFF_FLAG_OPTIONS]?: string | undefined;
};

/**
 * The backoff the flags describe: each flag given overrides its field of `base`. A flag that is not
 * a number is a {@link UsageError} naming it; whether the backoff is valid is the library's to say
 * (see {@link usageErrorForBackoff}).
 *
 * @example
 * ```ts
 * backoffFromFlags({ steps: '8', factor: '2' }, DefaultRetry); // { ...DefaultRetry, steps: 8, factor: 2, cap: 0 }
 * ```
 */
export function backoffFromFlags(values: BackoffFlagValues, base: Readonly<Backoff>): Backoff {
  return {
    steps: numberFlag('steps', values.steps) ?? base.steps,
    duration: numberFlag('duration', values.duration) ?? base.duration,
    factor: numberFlag('factor', values.factor) ?? base.factor,
    jitter: numberFlag('jitter', values.jitter) ?? base.jitter,
    cap: numberFlag('cap', values.cap) ?? base.cap ?? 0,
  };
}

/** A decimal number as people write one: `3`, `-1`, `0.25`, `.5`, `1e3`; also `Infinity` and `NaN`. */
const DECIMAL_NUMBER = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|Infinity|NaN)$/;

/**
 * A number flag's value, or undefined when the flag is absent. Only decimal numbers are numbers
 * here (`0x10`, `0b1`, `1_000` and blanks are not), while `Infinity` and `NaN` are let through, so
 * that the rule of the field they are for (finite, or an integer) is the one that rejects them.
 *
 * @example
 * ```ts
 * numberFlag('writers', '20'); // 20
 * numberFlag('duration', '-1'); // -1
 * numberFlag('steps', '0x10'); // throws UsageError: --steps must be a decimal number, got "0x10"
 * ```
 */
export function numberFlag(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!DECIMAL_NUMBER.test(text)) {
    throw new UsageError(`--${name} must be a decimal number, got ${JSON.stringify(text)}`);
  }
  return Number(text);
}

/**
 * The library's input error about a backoff given by flags as a {@link UsageError} that names the
 * flag to fix, read from the error's `info` (never from its message), with the input error as its
 * `cause`; any other error is returned as it is. For waits that would pass Go's longest duration,
 * the message names the flags to change: `--jitter` when the jitter alone carries a wait past it,
 * else `--factor` or `--steps` (the most that fit, from `info.maxSteps`).
 *
 * @example
 * ```ts
 * let error: unknown;
 * try {
 *   backoffDelays({ ...DefaultRetry, steps: 0 });
 * } catch (thrown) {
 *   error = usageErrorForBackoff(thrown, { ...DefaultRetry, steps: 0 });
 * }
 * String(error); // 'UsageError: --steps: Backoff.steps must be an integer >= 1, got 0'
 * ```
 */
export function usageErrorForBackoff(error: unknown, backoff: Backoff): unknown {
  if (!isInputError(error)) return error;
  const { info } = error;
  if (info.problem === 'overflow') return new UsageError(overflowMessage(info, backoff), { cause: error });
  const flag = FLAG_OF_FIELD[info.field];
  return new UsageError(flag === undefined ? error.message : `${flag}: ${error.message}`, { cause: error });
}

/** Go's longest duration, for people. */
const LONGEST_DURATION = "Go's longest duration (2^63 ns, about 292 years)";

function overflowMessage(info: BackoffOverflow, backoff: Backoff): string {
  return info.jitterAlone
    ? `--jitter ${backoff.jitter} overflows: the jitter can stretch wait ${info.wait} past ${LONGEST_DURATION}. ` +
        `Lower --jitter: a wait d can become d + jitter × d.`
    : `the waits overflow: wait ${info.wait} would be longer than ${LONGEST_DURATION}. Lower --factor (now ${backoff.factor}), ` +
        `or --steps to ${info.maxSteps} or less (now ${backoff.steps}). A --cap would end the retries when the wait ` +
        `reaches it (Go's cap rule).`;
}

/**
 * Checks a backoff read from flags as the operator checks it when it is made, so that a command
 * accepts exactly the backoffs `retryOnConflict` does; a rejected one is a {@link UsageError} naming
 * the flag (see {@link usageErrorForBackoff}).
 *
 * @example
 * ```ts
 * checkBackoffFlags({ ...DefaultRetry, jitter: -1 }); // throws UsageError: --jitter: Backoff.jitter must be a finite number >= 0, got -1
 * ```
 */
export function checkBackoffFlags(backoff: Backoff): void {
  try {
    toBackoffSpec(backoff);
  } catch (error: unknown) {
    throw usageErrorForBackoff(error, backoff);
  }
}
