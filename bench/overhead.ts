// Child process: times every overhead row for one peer (argv[2]) with tinybench and prints JSON.
// Usage: node --import tsx bench/overhead.ts <peer-id> [timeMs]
import { VirtualTimeScheduler, type Observable, type SchedulerLike } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { Bench } from 'tinybench';
import { reply } from './support/child.js';
import { failingThenSucceeding } from './support/failing-source.js';
import { peerById } from './support/peers.js';

/**
 * Where the waits run:
 * - `none`: nothing is scheduled (the happy path);
 * - `run-mode`: inside `TestScheduler.run`, which makes RxJS's own `asyncScheduler` virtual, so that
 *   every peer runs unchanged, with its default scheduler (backoff-rxjs accepts no other);
 * - `scheduler-passed`: a `VirtualTimeScheduler` handed to the operator, for the peers that take one.
 */
export type Clock = 'none' | 'run-mode' | 'scheduler-passed';

export interface OverheadRow {
  readonly id: string;
  readonly label: string;
  /** Attempts that fail before one succeeds. */
  readonly failures: number;
  /** Resubscriptions the operator is allowed. */
  readonly retries: number;
  readonly waitMs: number;
  readonly clock: Clock;
  /** Whether the issue sets a target for this row (the others are shown for context). */
  readonly targeted: boolean;
}

const FAILURE_COUNTS = [1, 3, 10];

export const overheadRows: readonly OverheadRow[] = [
  {
    id: 'happy',
    label: 'happy path (no error)',
    failures: 0,
    retries: 4,
    waitMs: 10,
    clock: 'none',
    targeted: true,
  },
  ...FAILURE_COUNTS.map((k) => ({
    id: `zero-wait-k${k}`,
    label: `k = ${k}, zero waits`,
    failures: k,
    retries: k,
    waitMs: 0,
    clock: 'run-mode' as const,
    targeted: true,
  })),
  ...FAILURE_COUNTS.map((k) => ({
    id: `1ms-run-mode-k${k}`,
    label: `k = ${k}, 1 ms waits, run mode`,
    failures: k,
    retries: k,
    waitMs: 1,
    clock: 'run-mode' as const,
    targeted: false,
  })),
  ...FAILURE_COUNTS.map((k) => ({
    id: `1ms-scheduler-k${k}`,
    label: `k = ${k}, 1 ms waits, scheduler passed`,
    failures: k,
    retries: k,
    waitMs: 1,
    clock: 'scheduler-passed' as const,
    targeted: false,
  })),
];

/** Subscriptions per timed iteration: enough to dwarf the timer's resolution. */
export const SUBSCRIPTIONS_PER_ITERATION = 1000;

export interface OverheadResult {
  readonly row: string;
  /** Median time of one subscription, from subscribe to completion, in nanoseconds. */
  readonly medianNs: number;
  readonly rmePercent: number;
  readonly samples: number;
}

async function main(): Promise<void> {
  const peer = peerById(process.argv[2] ?? '');
  const timeMs = Number(process.argv[3] ?? 500);
  const testScheduler = new TestScheduler(() => undefined);
  const virtualScheduler = new VirtualTimeScheduler(undefined, Infinity);
  let failed = 0;
  let sum = 0;
  const observer = {
    next: (value: number) => {
      sum += value;
    },
    error: () => {
      failed++;
    },
  };
  const bench = new Bench({ time: timeMs, warmupTime: Math.min(200, timeMs), iterations: 16 });
  for (const row of overheadRows) {
    const passed = row.clock === 'scheduler-passed' ? virtualScheduler : undefined;
    const operator = peer.operator(row.retries, row.waitMs, row.failures, passed);
    if (operator === undefined) continue;
    const pipeline = failingThenSucceeding(row.failures, operator);
    checkOnce(row.clock === 'scheduler-passed' ? virtualScheduler : testScheduler, pipeline, row);
    bench.add(row.id, subscribeMany(row.clock, pipeline, observer, testScheduler, virtualScheduler));
  }
  await bench.run();
  if (failed > 0 || sum === 0) throw new Error(`${peer.id}: ${failed} subscriptions failed`);
  const results: OverheadResult[] = bench.tasks.map((task) => {
    const result = task.result;
    if (result.state !== 'completed') throw new Error(`${peer.id} ${task.name}: ${result.state}`);
    return {
      row: task.name,
      medianNs: (result.latency.p50 * 1e6) / SUBSCRIPTIONS_PER_ITERATION,
      rmePercent: result.latency.rme,
      samples: result.latency.samplesCount,
    };
  });
  reply(results);
}

/**
 * One timed iteration. The virtual clock is flushed after each subscription, so that its queue
 * stays as short as for one request at a time (a long queue costs more per timer to keep sorted).
 */
function subscribeMany(
  clock: Clock,
  pipeline: Observable<number>,
  observer: { next: (value: number) => void; error: () => void },
  testScheduler: TestScheduler,
  virtualScheduler: VirtualTimeScheduler,
): () => void {
  switch (clock) {
    case 'none':
      return () => {
        for (let i = 0; i < SUBSCRIPTIONS_PER_ITERATION; i++) pipeline.subscribe(observer);
      };
    case 'run-mode':
      return () =>
        testScheduler.run(() => {
          for (let i = 0; i < SUBSCRIPTIONS_PER_ITERATION; i++) {
            pipeline.subscribe(observer);
            testScheduler.flush();
          }
        });
    case 'scheduler-passed':
      return () => {
        for (let i = 0; i < SUBSCRIPTIONS_PER_ITERATION; i++) {
          pipeline.subscribe(observer);
          virtualScheduler.flush();
        }
      };
  }
}

/** Makes sure the peer really retried `failures` times and delivered the success, before timing it. */
function checkOnce(
  scheduler: SchedulerLike & { flush(): void },
  pipeline: Observable<number>,
  row: OverheadRow,
): void {
  const seen: string[] = [];
  const subscribe = () =>
    pipeline.subscribe({
      next: (attempts) => seen.push(`next ${attempts}`),
      error: () => seen.push('error'),
      complete: () => seen.push('complete'),
    });
  if (scheduler instanceof TestScheduler) scheduler.run(subscribe);
  else {
    subscribe();
    scheduler.flush();
  }
  const expected = [`next ${row.failures + 1}`, 'complete'];
  if (seen.join() !== expected.join()) {
    throw new Error(`row ${row.id}: expected ${expected.join()}, saw ${seen.join()}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
