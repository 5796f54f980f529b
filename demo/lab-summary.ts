import type { Backoff } from 'rxjs-retry-on-conflict';
import { formatMarkdownTable } from '../dev-support/markdown-table.js';
import type { LabRun } from './contention-lab.js';
import { percentile } from '../src/cli/simulate/contention-summary.js';
import { count } from './count.js';

/** The figures the demo prints and writes to `summary.json`, for one backoff. */
export interface LabSummary {
  readonly name: string;
  readonly backoff: Backoff;
  /** writers × increments: the updates the writers set out to make. */
  readonly updatesWanted: number;
  /** Updates the server acknowledged (a 2xx answer to the PUT). */
  readonly updatesDone: number;
  /** 409 answers the writers received. */
  readonly conflicts: number;
  /** Waits `retryOnConflict` made before trying again. */
  readonly retries: number;
  /** Updates whose last attempt still got a 409: the writer was told, nothing was written. */
  readonly giveUps: number;
  /** The most attempts any one update took (done or not). */
  readonly maxAttempts: number;
  /** Acknowledged updates missing from the final counter. Optimistic concurrency keeps this 0. */
  readonly lostUpdates: number;
  readonly finalCount: number;
  /** Time from an update's first GET to its acknowledged PUT, for the updates done. */
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly wallMs: number;
  /** What the server counted: every attempt is one GET and one PUT. */
  readonly server: LabRun['server'];
}

/** Reduces a run to its figures. */
export function summarizeRun(run: LabRun): LabSummary {
  const done = run.updates.filter((update) => update.outcome === 'done');
  const latencies = done.map((update) => update.endMs - update.startMs).sort((a, b) => a - b);
  return {
    name: run.name,
    backoff: run.backoff,
    updatesWanted: run.writers * run.increments,
    updatesDone: done.length,
    conflicts: run.attempts.filter((attempt) => attempt.outcome === 'conflict').length,
    retries: run.retries,
    giveUps: run.updates.length - done.length,
    maxAttempts: Math.max(0, ...run.updates.map((update) => update.attempts)),
    lostUpdates: done.length - run.finalCount,
    finalCount: run.finalCount,
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.at(-1) ?? 0),
    },
    wallMs: round(run.wallMs),
    server: run.server,
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** How a backoff reads in a table header: `steps×duration ms, ×factor, jitter, cap`. */
export function describeBackoff(backoff: Backoff): string {
  const cap = backoff.cap ? ` cap ${backoff.cap}` : '';
  return `${backoff.steps}×${backoff.duration}ms ×${backoff.factor} j${backoff.jitter}${cap}`;
}

/** The summaries side by side: one column per backoff, one row per figure. */
export function formatSummaryTable(summaries: readonly LabSummary[]): string {
  const rows: [string, (summary: LabSummary) => string][] = [
    ['backoff', (s) => describeBackoff(s.backoff)],
    ['updates done', (s) => `${s.updatesDone} / ${s.updatesWanted}`],
    ['conflicts (409)', (s) => String(s.conflicts)],
    ['retries', (s) => String(s.retries)],
    ['most attempts', (s) => String(s.maxAttempts)],
    ['give-ups', (s) => String(s.giveUps)],
    ['lost updates', (s) => String(s.lostUpdates)],
    ['final counter', (s) => String(s.finalCount)],
    ['latency p50', (s) => `${s.latencyMs.p50.toFixed(1)} ms`],
    ['latency p99', (s) => `${s.latencyMs.p99.toFixed(1)} ms`],
    ['wall time', (s) => `${(s.wallMs / 1000).toFixed(2)} s`],
  ];
  return formatSideBySide(summaries, rows);
}

/**
 * The line the demo prints for a run whose updates gave up, with the attempts those updates made:
 * `steps` when the attempts ran out, fewer when Go's cap rule ended the retries.
 */
export function describeGiveUps(run: LabRun): string | undefined {
  const attempts = run.updates
    .filter((update) => update.outcome === 'gave-up')
    .map((update) => update.attempts);
  if (attempts.length === 0) return undefined;
  const fewest = Math.min(...attempts);
  const most = Math.max(...attempts);
  const made = fewest === most ? count(most, 'attempt') : `${fewest} to ${most} attempts`;
  return (
    `${run.name}: ${count(attempts.length, 'update')} gave up after ${made}: ` +
    `each writer got the last ${run.throttled ? '409 or 429' : '409'} ` +
    `and nothing was written (no update lost).`
  );
}

/**
 * Runs side by side, as the lab prints them: one column per run (headed by its name), one row per
 * figure, labels left and figures right.
 */
export function formatSideBySide<Summary extends { readonly name: string }>(
  summaries: readonly Summary[],
  rows: readonly (readonly [string, (summary: Summary) => string])[],
): string {
  const header = ['', ...summaries.map((summary) => summary.name)];
  const body = rows.map(([label, cell]) => [label, ...summaries.map(cell)]);
  return formatMarkdownTable(
    [header, ...body],
    header.map((_, column) => (column === 0 ? 'left' : 'right')),
  );
}
