import type { ContentionResult } from './simulate-contention.js';

/**
 * Several seeded runs of one simulation, added up: shares of the updates wanted, the load, and
 * latency percentiles over every landed update of every run.
 *
 * @example
 * ```ts
 * const share = (summary: ContentionSummary) => `${(100 * summary.landedShare).toFixed(1)} %`;
 * ```
 */
export interface ContentionSummary {
  readonly runs: number;
  /** Updates wanted, over all runs. */
  readonly updates: number;
  readonly done: number;
  readonly giveUps: number;
  readonly conflicts: number;
  /** Reads and writes the server served, over all runs. */
  readonly requests: number;
  /** done / updates. */
  readonly landedShare: number;
  /** giveUps / updates. */
  readonly giveUpShare: number;
  /** requests / updates: 2 when nothing is retried (one read, one write). */
  readonly requestsPerUpdate: number;
  /** The most attempts one update took. */
  readonly maxAttempts: number;
  /** Nearest-rank percentiles of the landed updates' latencies; 0 when none landed. */
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  /** When the last update settled, averaged over the runs. */
  readonly meanCompletionMs: number;
}

/**
 * Adds up runs of one simulation (see {@link ContentionSummary}).
 *
 * @example
 * ```ts
 * const run = {
 *   updates: 2, done: 1, giveUps: 1, conflicts: 2, reads: 3, writes: 3, maxAttempts: 2,
 *   latenciesMs: [40], completionMs: 80,
 * };
 * summarizeRuns([run, run]).requestsPerUpdate; // 3
 * summarizeRuns([run, run]).latencyMs.p50; // 40
 * ```
 */
export function summarizeRuns(results: readonly ContentionResult[]): ContentionSummary {
  const sum = (field: (result: ContentionResult) => number): number =>
    results.reduce((total, result) => total + field(result), 0);
  const updates = sum((result) => result.updates);
  const done = sum((result) => result.done);
  const giveUps = sum((result) => result.giveUps);
  const requests = sum((result) => result.reads + result.writes);
  const latencies = results.flatMap((result) => result.latenciesMs).sort((a, b) => a - b);
  return {
    runs: results.length,
    updates,
    done,
    giveUps,
    conflicts: sum((result) => result.conflicts),
    requests,
    landedShare: done / updates,
    giveUpShare: giveUps / updates,
    requestsPerUpdate: requests / updates,
    maxAttempts: Math.max(0, ...results.map((result) => result.maxAttempts)),
    latencyMs: {
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? 0,
    },
    meanCompletionMs: sum((result) => result.completionMs) / results.length,
  };
}

/**
 * Nearest-rank percentile of numbers sorted ascending (the lab's rule); 0 for none.
 *
 * @example
 * ```ts
 * percentile([1, 2, 3, 4], 50); // 2
 * percentile([1, 2, 3, 4], 99); // 4
 * percentile([], 50); // 0
 * ```
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0;
}
