import { percentile, summarizeRuns } from '../../../src/cli/simulate/contention-summary.js';
import type { ContentionResult } from '../../../src/cli/simulate/simulate-contention.js';

describe('summarizeRuns', () => {
  const run = (fields: Partial<ContentionResult>): ContentionResult => ({
    updates: 4,
    done: 2,
    giveUps: 2,
    conflicts: 5,
    reads: 7,
    writes: 7,
    maxAttempts: 3,
    latenciesMs: [10, 30],
    completionMs: 100,
    ...fields,
  });

  it('should add the runs up: shares of the updates wanted, requests per update, latencies over all runs', () => {
    const summary = summarizeRuns([
      run({}),
      run({ done: 4, giveUps: 0, latenciesMs: [5, 20, 40, 50], completionMs: 300, maxAttempts: 5 }),
    ]);

    expect(summary).toEqual({
      runs: 2,
      updates: 8,
      done: 6,
      giveUps: 2,
      conflicts: 10,
      requests: 28,
      landedShare: 0.75,
      giveUpShare: 0.25,
      requestsPerUpdate: 3.5,
      maxAttempts: 5,
      latencyMs: { p50: 20, p99: 50, max: 50 },
      meanCompletionMs: 200,
    });
  });

  it('should give latencies of 0 when no update landed', () => {
    expect(summarizeRuns([run({ done: 0, giveUps: 4, latenciesMs: [] })]).latencyMs).toEqual({
      p50: 0,
      p99: 0,
      max: 0,
    });
  });
});

describe('percentile of the contention summary', () => {
  it('should take the nearest rank, as the lab does', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    expect(percentile(sorted, 50)).toBe(5);
    expect(percentile(sorted, 99)).toBe(10);
    expect(percentile(sorted, 0)).toBe(1);
    expect(percentile([42], 1)).toBe(42);
    expect(percentile([42], 99)).toBe(42);
    expect(percentile([], 50)).toBe(0);
  });
});
