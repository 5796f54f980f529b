// Child process: how late the real asyncScheduler runs the next attempt, against the planned wait,
// by the operator's own clock (`asyncScheduler.now()`) and by `performance.now()`.
// Usage: node --import tsx bench/timers.ts
import { asyncScheduler, Observable } from 'rxjs';
import { reply } from './support/reply.js';
import { conflict } from './support/failing-source.js';
import { DefaultRetry, onError, type Backoff } from './support/library.js';

/** Measured gap minus planned wait, in ms: below zero is a wait that ended early. */
export interface Lateness {
  readonly minMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface TimerResult {
  readonly name: string;
  readonly samples: number;
  /** Planned waits seen, in ms. */
  readonly plannedMinMs: number;
  readonly plannedMaxMs: number;
  /** By the clock the operator schedules with: `asyncScheduler.now()`, which is `Date.now()` (whole ms). */
  readonly bySchedulerNow: Lateness;
  /** By `performance.now()` (fractions of a ms, monotonic). */
  readonly byPerformanceNow: Lateness;
  readonly elapsedMs: number;
}

/** A wait's planned length and when it started, by both clocks. */
interface Pending {
  plannedMs: number;
  failedAtSchedulerMs: number;
  failedAtPerformanceMs: number;
}

class Samples {
  readonly planned: number[] = [];
  readonly bySchedulerNow: number[] = [];
  readonly byPerformanceNow: number[] = [];
  private readonly startedAt = performance.now();

  constructor(
    readonly name: string,
    private readonly wanted: number,
    private readonly budgetMs: number,
  ) {}

  add(plannedMs: number, schedulerGapMs: number, performanceGapMs: number): void {
    this.planned.push(plannedMs);
    this.bySchedulerNow.push(schedulerGapMs - plannedMs);
    this.byPerformanceNow.push(performanceGapMs - plannedMs);
  }

  /** Whether to stop: enough samples, or the time set aside for them is spent. */
  get done(): boolean {
    return this.planned.length >= this.wanted || performance.now() - this.startedAt >= this.budgetMs;
  }

  result(): TimerResult {
    return {
      name: this.name,
      samples: this.planned.length,
      plannedMinMs: Math.min(...this.planned),
      plannedMaxMs: Math.max(...this.planned),
      bySchedulerNow: lateness(this.bySchedulerNow),
      byPerformanceNow: lateness(this.byPerformanceNow),
      elapsedMs: performance.now() - this.startedAt,
    };
  }
}

function lateness(values: readonly number[]): Lateness {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (quantile: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? NaN;
  return {
    minMs: sorted[0] ?? NaN,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: sorted[sorted.length - 1] ?? NaN,
  };
}

/**
 * Subscribes again and again, one subscription after the other, to a source that fails every
 * attempt, so that every wait of `backoff` is made. A wait counts from the failure (taken in the
 * source, just before it errors) to the next attempt's start.
 */
async function measureOperator(
  name: string,
  backoff: Backoff,
  wanted: number,
  budgetMs: number,
): Promise<TimerResult> {
  const samples = new Samples(name, wanted, budgetMs);
  while (!samples.done) {
    let pending: Pending | undefined;
    let plannedMs = NaN;
    const source = new Observable<never>((subscriber) => {
      if (pending !== undefined) {
        samples.add(
          pending.plannedMs,
          asyncScheduler.now() - pending.failedAtSchedulerMs,
          performance.now() - pending.failedAtPerformanceMs,
        );
      }
      pending = {
        plannedMs: NaN,
        failedAtSchedulerMs: asyncScheduler.now(),
        failedAtPerformanceMs: performance.now(),
      };
      subscriber.error(conflict);
    });
    const retried = source.pipe(
      onError(backoff, () => true, {
        scheduler: asyncScheduler,
        onRetry: ({ delay }) => {
          plannedMs = delay;
          if (pending !== undefined) pending.plannedMs = plannedMs;
        },
      }),
    );
    await new Promise<void>((resolve) => retried.subscribe({ error: () => resolve() }));
  }
  return samples.result();
}

/** The same measurement for a bare setTimeout, to tell the platform's lateness from the operator's. */
async function measureSetTimeout(
  name: string,
  plannedMs: number,
  wanted: number,
  budgetMs: number,
): Promise<TimerResult> {
  const samples = new Samples(name, wanted, budgetMs);
  while (!samples.done) {
    const startedAtScheduler = asyncScheduler.now();
    const startedAt = performance.now();
    await new Promise<void>((resolve) => setTimeout(resolve, plannedMs));
    samples.add(plannedMs, asyncScheduler.now() - startedAtScheduler, performance.now() - startedAt);
  }
  return samples.result();
}

reply([
  await measureOperator(
    'waits of 1 to 2 ms (jitter 1)',
    { duration: 1, factor: 1, jitter: 1, steps: 101 },
    2_000,
    5_000,
  ),
  await measureOperator('DefaultRetry (10 to 11 ms)', DefaultRetry, 200, 3_000),
  await measureSetTimeout('setTimeout(1.5 ms), for reference', 1.5, 1_000, 2_500),
]);
