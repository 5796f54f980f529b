import type { LabRun } from '../../demo/contention-lab.js';
import { describeGiveUps } from '../../demo/lab-summary.js';
import { formatThrottledTable, summarizeThrottledRun } from '../../demo/throttled-summary.js';

describe('summarizeThrottledRun', () => {
  const run: LabRun = {
    name: 'Retry-After honoured',
    backoff: { steps: 3, duration: 5, factor: 1, jitter: 0 },
    writers: 1,
    increments: 2,
    attempts: [
      { writer: 0, startMs: 0, endMs: 2, outcome: 'throttled' },
      { writer: 0, startMs: 1002, endMs: 1006, outcome: 'ok' },
      { writer: 0, startMs: 1006, endMs: 1007, outcome: 'throttled' },
      { writer: 0, startMs: 2007, endMs: 2008, outcome: 'throttled' },
      { writer: 0, startMs: 3008, endMs: 3009, outcome: 'throttled' },
    ],
    updates: [
      { writer: 0, startMs: 0, endMs: 1006, attempts: 2, outcome: 'done' },
      { writer: 0, startMs: 1006, endMs: 3009, attempts: 3, outcome: 'gave-up' },
    ],
    retries: 3,
    finalCount: 1,
    wallMs: 3009,
    server: { gets: 1, puts: 1, conflicts: 0 },
    throttled: { retryAfter: 'honoured', requests: 6, tooManyRequests: 4, serverSetWaits: 3 },
  };

  it('should add what the throttle did to the contention figures', () => {
    const summary = summarizeThrottledRun(run);
    expect(summary).toEqual(
      jasmine.objectContaining({
        name: 'Retry-After honoured',
        retryAfter: 'honoured',
        requests: 6,
        tooManyRequests: 4,
        serverSetWaits: 3,
        updatesDone: 1,
        giveUps: 1,
        conflicts: 0,
        lostUpdates: 0,
      }),
    );
  });

  it('should refuse a run that did not go through a throttle', () => {
    const { throttled: _, ...direct } = run;
    expect(() => summarizeThrottledRun(direct)).toThrowError(
      TypeError,
      'run Retry-After honoured did not go through a throttle',
    );
  });

  it('should tell a give-up behind a throttle as the last 409 or 429', () => {
    expect(describeGiveUps(run)).toBe(
      'Retry-After honoured: 1 update gave up after 3 attempts: each writer got the last 409 or 429 and nothing was written (no update lost).',
    );
  });
});

describe('formatThrottledTable', () => {
  it('should put one run per column and what the throttle did in rows of its own', () => {
    const summary = summarizeThrottledRun({
      name: 'Retry-After ignored',
      backoff: { steps: 5, duration: 10, factor: 1, jitter: 0.1 },
      writers: 1,
      increments: 1,
      attempts: [{ writer: 0, startMs: 0, endMs: 3, outcome: 'ok' }],
      updates: [{ writer: 0, startMs: 0, endMs: 3, attempts: 1, outcome: 'done' }],
      retries: 0,
      finalCount: 1,
      wallMs: 3,
      server: { gets: 1, puts: 1, conflicts: 0 },
      throttled: { retryAfter: 'ignored', requests: 2, tooManyRequests: 0, serverSetWaits: 0 },
    });
    const lines = formatThrottledTable([summary]).split('\n');

    expect(lines[0]).toBe('|                     | Retry-After ignored |');
    expect(lines).toContain('| requests sent       |                   2 |');
    expect(lines).toContain('| 429 answers         |                   0 |');
    expect(lines).toContain('| waits set by server |                   0 |');
    expect(lines).toContain('| lost updates        |                   0 |');
  });
});
