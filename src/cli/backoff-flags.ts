import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Backoff } from '../backoff/backoff.js';

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
 * The library's `RangeError`/`TypeError` about a backoff field as a {@link UsageError} that names
 * the flag to fix; any other error is returned as it is.
 *
 * @example
 * ```ts
 * let error: unknown;
 * try {
 *   backoffDelays({ ...DefaultRetry, steps: 0 });
 * } catch (thrown) {
 *   error = usageErrorForBackoff(thrown);
 * }
 * String(error); // 'UsageError: --steps: Backoff.steps must be an integer >= 1, got 0'
 * ```
 */
export function usageErrorForBackoff(error: unknown): unknown {
  if (!(error instanceof RangeError || error instanceof TypeError)) return error;
  const field = /^Backoff\.(\w+)/.exec(error.message)?.[1];
  return new UsageError(field === undefined ? error.message : `--${field}: ${error.message}`);
}
