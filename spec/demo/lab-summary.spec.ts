import type { LabRun } from '../../demo/contention-lab.js';
import { describeGiveUps, formatSummaryTable, summarizeRun } from '../../demo/lab-summary.js';

describe('summarizeRun', () => {
  const run: LabRun = {
    name: 'custom',
    backoff: { steps: 3, duration: 5, factor: 1, jitter: 0 },
    writers: 2,
    increments: 2,
    attempts: [
      { writer: 0, startMs: 0, endMs: 4, outcome: 'ok' },
      { writer: 1, startMs: 0, endMs: 5, outcome: 'conflict' },
      { writer: 1, startMs: 10, endMs: 14, outcome: 'ok' },
      { writer: 0, startMs: 4, endMs: 8, outcome: 'conflict' },
      { writer: 0, startMs: 13, endMs: 17, outcome: 'conflict' },
      { writer: 0, startMs: 22, endMs: 26, outcome: 'conflict' },
      { writer: 1, startMs: 14, endMs: 20, outcome: 'ok' },
    ],
    updates: [
      { writer: 0, startMs: 0, endMs: 4, attempts: 1, outcome: 'done' },
      { writer: 1, startMs: 0, endMs: 14, attempts: 2, outcome: 'done' },
      { writer: 1, startMs: 14, endMs: 20, attempts: 1, outcome: 'done' },
      { writer: 0, startMs: 4, endMs: 26, attempts: 3, outcome: 'gave-up' },
    ],
    retries: 3,
    finalCount: 3,
    wallMs: 26.04,
    server: { gets: 7, puts: 7, conflicts: 4 },
  };

  it('should count updates done, conflicts, give-ups and lost updates from what happened', () => {
    expect(summarizeRun(run)).toEqual({
      name: 'custom',
      backoff: run.backoff,
      updatesWanted: 4,
      updatesDone: 3,
      conflicts: 4,
      retries: 3,
      giveUps: 1,
      maxAttempts: 3,
      lostUpdates: 0,
      finalCount: 3,
      latencyMs: { p50: 6, p99: 14, max: 14 },
      wallMs: 26,
      server: run.server,
    });
  });

  it('should tell the give-ups with the attempts those updates made, not the steps', () => {
    // steps 3, but Go's cap rule could end the retries sooner: the line says what happened.
    const capped: LabRun = {
      ...run,
      backoff: { steps: 25, duration: 5, factor: 2, jitter: 1, cap: 40 },
      updates: [
        ...run.updates,
        { writer: 1, startMs: 20, endMs: 60, attempts: 4, outcome: 'gave-up' },
        { writer: 1, startMs: 60, endMs: 99, attempts: 4, outcome: 'gave-up' },
      ],
    };
    expect(describeGiveUps(capped)).toBe(
      'custom: 3 updates gave up after 3 to 4 attempts: each writer got the last 409 and nothing was written (no update lost).',
    );
    expect(describeGiveUps(run)).toBe(
      'custom: 1 update gave up after 3 attempts: each writer got the last 409 and nothing was written (no update lost).',
    );
    expect(
      describeGiveUps({ ...run, updates: run.updates.filter((u) => u.outcome === 'done') }),
    ).toBeUndefined();
  });

  it('should count an acknowledged update missing from the counter as lost', () => {
    expect(summarizeRun({ ...run, finalCount: 2 }).lostUpdates).toBe(1);
  });
});

describe('formatSummaryTable', () => {
  it('should put one backoff per column and one figure per row, numbers right-aligned', () => {
    const summary = summarizeRun({
      name: 'DefaultRetry',
      backoff: { steps: 5, duration: 10, factor: 1, jitter: 0.1 },
      writers: 1,
      increments: 1,
      attempts: [{ writer: 0, startMs: 0, endMs: 3, outcome: 'ok' }],
      updates: [{ writer: 0, startMs: 0, endMs: 3, attempts: 1, outcome: 'done' }],
      retries: 0,
      finalCount: 1,
      wallMs: 3,
      server: { gets: 1, puts: 1, conflicts: 0 },
    });
    const lines = formatSummaryTable([summary, { ...summary, name: 'custom' }]).split('\n');

    expect(lines[0]).toBe('|                 |   DefaultRetry |         custom |');
    expect(lines[1]).toBe('|-----------------|---------------:|---------------:|');
    expect(lines).toContain('| backoff         | 5×10ms ×1 j0.1 | 5×10ms ×1 j0.1 |');
    expect(lines).toContain('| lost updates    |              0 |              0 |');
    expect(lines).toContain('| wall time       |         0.00 s |         0.00 s |');
  });
});
