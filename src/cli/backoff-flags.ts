import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Backoff } from '../backoff/backoff.js';

/**
 * A command line that cannot be run; the command prints the message and exits with code 2.
 *
 * @example
 * ```ts
 * throw new UsageError('--steps must be a number, got "x"');
 * ```
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Reads a command line strictly (no positionals, no unknown flags) with `node:util` `parseArgs`,
 * turning its complaints into {@link UsageError}s.
 *
 * @example
 * ```ts
 * parseFlags(['--steps', '3'], { ...BACKOFF_FLAG_OPTIONS, help: { type: 'boolean' } }).steps; // '3'
 * ```
 */
export function parseFlags<const Options extends NonNullable<ParseArgsConfig['options']>>(
  argv: readonly string[],
  options: Options,
) {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options }).values;
  } catch (error: unknown) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * `node:util` `parseArgs` options for the five {@link Backoff} fields, each a string flag
 * (`--steps --duration --factor --jitter --cap`), read by {@link backoffFromFlags}.
 *
 * @example
 * ```ts
 * parseArgs({ args, options: { ...BACKOFF_FLAG_OPTIONS, help: { type: 'boolean' } } });
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

/**
 * A number flag's value, or undefined when the flag is absent.
 *
 * @example
 * ```ts
 * numberFlag('writers', '20'); // 20
 * numberFlag('writers', 'x');  // throws UsageError: --writers must be a number, got "x"
 * ```
 */
export function numberFlag(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new UsageError(`--${name} must be a number, got ${JSON.stringify(text)}`);
  }
  return value;
}

/**
 * The library's `RangeError`/`TypeError` about a backoff field as a {@link UsageError} that names
 * the flag to fix; any other error is returned as it is.
 *
 * @example
 * ```ts
 * try {
 *   backoffDelays(backoff, () => 0);
 * } catch (error) {
 *   throw usageErrorForBackoff(error); // UsageError: --steps: Backoff.steps must be an integer >= 1, got 0
 * }
 * ```
 */
export function usageErrorForBackoff(error: unknown): unknown {
  if (!(error instanceof RangeError || error instanceof TypeError)) return error;
  const field = /^Backoff\.(\w+)/.exec(error.message)?.[1];
  return new UsageError(field === undefined ? error.message : `--${field}: ${error.message}`);
}
