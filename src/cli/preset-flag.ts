import { DefaultBackoff, DefaultRetry, type Backoff } from '../backoff/backoff.js';
import { backoffFromFlags, UsageError, type BackoffFlagValues } from './backoff-flags.js';

/**
 * `node:util` `parseArgs` options for `--preset NAME`, read by {@link backoffFromPresetFlags}.
 *
 * @example
 * ```ts
 * PRESET_FLAG_OPTION.preset.type; // 'string'
 * ```
 */
export const PRESET_FLAG_OPTION = { preset: { type: 'string' } } as const;

/**
 * The backoff a command line asks for: `--preset` (`DefaultRetry`, the default, or `DefaultBackoff`)
 * with each backoff flag over its field, and no more than `maxSteps` steps, past which a command
 * would print or run more than anyone reads or waits for. An unknown preset or too many steps is a
 * {@link UsageError} naming the flag; the library's own rules are left to the caller's check.
 *
 * @param maxSteps - the most steps allowed; default: no limit beyond the library's own.
 * @param purpose - what the steps are for, in the error: `a simulation`.
 *
 * @example
 * ```ts
 * backoffFromPresetFlags({ preset: 'DefaultBackoff', jitter: '1' }, 1000, 'a plan'); // { ...DefaultBackoff, jitter: 1, cap: 0 }
 * backoffFromPresetFlags({ steps: '1001' }, 1000, 'a plan'); // throws UsageError: --steps must be at most 1000 for a plan, got 1001
 * ```
 */
export function backoffFromPresetFlags(
  values: BackoffFlagValues & { readonly preset?: string | undefined },
  maxSteps = Infinity,
  purpose = '',
): Backoff {
  const presets: Record<string, Backoff> = { DefaultRetry, DefaultBackoff };
  const preset = presets[values.preset ?? 'DefaultRetry'];
  if (preset === undefined) {
    throw new UsageError(
      `--preset must be DefaultRetry or DefaultBackoff, got ${JSON.stringify(values.preset)}`,
    );
  }
  const backoff = backoffFromFlags(values, preset);
  // Infinity and fractions are left to the library's own rule for steps.
  if (Number.isInteger(backoff.steps) && backoff.steps > maxSteps) {
    throw new UsageError(`--steps must be at most ${maxSteps} for ${purpose}, got ${backoff.steps}`);
  }
  return backoff;
}
