// Child process: how late the real asyncScheduler runs the next attempt, against the planned wait.
// Usage: node --import tsx bench/timers.ts
import { asyncScheduler, Observable } from 'rxjs';
import { DefaultBackoff, DefaultRetry, onError, type Backoff } from './support/library.js';
import { reply } from './support/child.js';
import { conflict } from './support/failing-source.js';

export interface TimerResult {
  readonly name: string;
  readonly samples: number;
  /** Planned waits seen, in ms. */
  readonly plannedMinMs: number;
  readonly plannedMaxMs: number;
  /** Measured gap minus planned wait, in ms. */
  readonly overshootP50Ms: number;
  readonly overshootP99Ms: number;
  readonly overshootMinMs: number;
  readonly overshootMaxMs: number;
}

/** Subscribes `runs` times, one after the other; each run fails every attempt, so makes every wait. */
async function measureOperator(name: string, backoff: Backoff, runs: number): Promise<TimerResult> {
  const planned: number[] = [];
  const overshoot: number[] = [];
  for (let run = 0; run < runs; run++) {
    let waitStartedAt = 0;
    let plannedMs = 0;
    const source = new Observable<never>((subscriber) => {
      if (waitStartedAt > 0) {
        overshoot.push(performance.now() - waitStartedAt - plannedMs);
        planned.push(plannedMs);
      }
      subscriber.error(conflict);
    });
    const retried = source.pipe(
      onError(backoff, () => true, {
        scheduler: asyncScheduler,
        onRetry: ({ delay }) => {
          plannedMs = delay;
          waitStartedAt = performance.now();
        },
      }),
    );
    await new Promise<void>((resolve) => retried.subscribe({ error: () => resolve() }));
  }
  return summarise(name, planned, overshoot);
}

/** The same measurement for a bare setTimeout, to tell the platform's lateness from ours. */
async function measureSetTimeout(name: string, plannedMs: number, count: number): Promise<TimerResult> {
  const overshoot: number[] = [];
  for (let i = 0; i < count; i++) {
    const startedAt = performance.now();
    await new Promise<void>((resolve) => setTimeout(resolve, plannedMs));
    overshoot.push(performance.now() - startedAt - plannedMs);
  }
  return summarise(name, [plannedMs], overshoot);
}

function summarise(name: string, planned: readonly number[], overshoot: readonly number[]): TimerResult {
  const sorted = [...overshoot].sort((a, b) => a - b);
  const at = (quantile: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? NaN;
  return {
    name,
    samples: sorted.length,
    plannedMinMs: Math.min(...planned),
    plannedMaxMs: Math.max(...planned),
    overshootP50Ms: at(0.5),
    overshootP99Ms: at(0.99),
    overshootMinMs: sorted[0] ?? NaN,
    overshootMaxMs: sorted[sorted.length - 1] ?? NaN,
  };
}

reply([
  await measureOperator('DefaultRetry', DefaultRetry, 50),
  await measureOperator('DefaultBackoff', DefaultBackoff, 25),
  await measureSetTimeout('setTimeout(10.5 ms), for reference', 10.5, 100),
]);
