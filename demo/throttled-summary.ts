import type { LabRun, ThrottledFigures } from './contention-lab.js';
import { describeBackoff, formatSideBySide, summarizeRun, type LabSummary } from './lab-summary.js';

/** The figures of one run behind the throttle: the contention figures, and what the throttle did. */
export interface ThrottledSummary extends LabSummary, ThrottledFigures {}

/** Reduces a run behind the throttle to its figures; throws for a run that had none. */
export function summarizeThrottledRun(run: LabRun): ThrottledSummary {
  if (run.throttled === undefined) throw new TypeError(`run ${run.name} did not go through a throttle`);
  return { ...summarizeRun(run), ...run.throttled };
}

/** The runs behind the throttle side by side: one column per run, one row per figure. */
export function formatThrottledTable(summaries: readonly ThrottledSummary[]): string {
  const rows: [string, (summary: ThrottledSummary) => string][] = [
    ['Retry-After', (s) => s.retryAfter],
    ['backoff', (s) => describeBackoff(s.backoff)],
    ['requests sent', (s) => String(s.requests)],
    ['429 answers', (s) => String(s.tooManyRequests)],
    ['conflicts (409)', (s) => String(s.conflicts)],
    ['waits set by server', (s) => String(s.serverSetWaits)],
    ['updates done', (s) => `${s.updatesDone} / ${s.updatesWanted}`],
    ['give-ups', (s) => String(s.giveUps)],
    ['lost updates', (s) => String(s.lostUpdates)],
    ['final counter', (s) => String(s.finalCount)],
    ['latency p50', (s) => `${s.latencyMs.p50.toFixed(1)} ms`],
    ['latency p99', (s) => `${s.latencyMs.p99.toFixed(1)} ms`],
    ['wall time', (s) => `${(s.wallMs / 1000).toFixed(2)} s`],
  ];
  return formatSideBySide(summaries, rows);
}
