// The rows of the overhead tables, and how one process times them.
import {
  VirtualTimeScheduler,
  type MonoTypeOperatorFunction,
  type Observable,
  type SchedulerLike,
} from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { Task } from 'tinybench';
import { failingSource, failingThenSucceeding } from './failing-source.js';
import type { Peer } from './peers.js';

/**
 * Where the waits run:
 * - `none`: nothing is scheduled (the happy path, and making the operator);
 * - `run-mode`: inside `TestScheduler.run`, which makes RxJS's own `asyncScheduler` virtual, so that
 *   every peer runs unchanged, with its default scheduler (backoff-rxjs accepts no other);
 * - `scheduler-passed`: a `VirtualTimeScheduler` handed to the operator, for the peers that take one.
 */
export type Clock = 'none' | 'run-mode' | 'scheduler-passed';

/**
 * How operator and subscription meet:
 * - `operator-once`: the operator is made once and piped anew into every subscription;
 * - `per-call`: the operator and the pipeline are both made for every subscription, as a method
 *   that returns `http.put(...).pipe(retryOnConflict())` makes them on every call;
 * - `creation`: the operator is made, and nothing else happens.
 */
export type Shape = 'operator-once' | 'per-call' | 'creation';

export interface OverheadRow {
  readonly id: string;
  readonly label: string;
  readonly shape: Shape;
  /** Attempts that fail before one succeeds. */
  readonly failures: number;
  /** Resubscriptions the operator is allowed. */
  readonly retries: number;
  readonly waitMs: number;
  readonly clock: Clock;
  /** Each library's plain default call (`retryOnConflict()`), rather than a backoff for this row. */
  readonly defaults: boolean;
}

const FAILURE_COUNTS = [1, 3, 10];

const operatorOnce = { shape: 'operator-once', defaults: false } as const;
const perCall = { shape: 'per-call', defaults: false } as const;

export const overheadRows: readonly OverheadRow[] = [
  {
    id: 'create',
    label: 'making the operator alone',
    shape: 'creation',
    failures: 0,
    retries: 4,
    waitMs: 10,
    clock: 'none',
    defaults: true,
  },
  {
    id: 'per-call-happy',
    label: 'happy path (no error)',
    shape: 'per-call',
    failures: 0,
    retries: 4,
    waitMs: 10,
    clock: 'none',
    defaults: true,
  },
  ...FAILURE_COUNTS.map((k) => ({
    ...perCall,
    id: `per-call-zero-wait-k${k}`,
    label: `k = ${k}, zero waits (RxJS: a timer(0) each)`,
    failures: k,
    retries: k,
    waitMs: 0,
    clock: 'run-mode' as const,
  })),
  ...FAILURE_COUNTS.map((k) => ({
    ...perCall,
    id: `per-call-1ms-scheduler-k${k}`,
    label: `k = ${k}, 1 ms waits, scheduler passed`,
    failures: k,
    retries: k,
    waitMs: 1,
    clock: 'scheduler-passed' as const,
  })),
  {
    ...operatorOnce,
    id: 'happy',
    label: 'happy path (no error)',
    failures: 0,
    retries: 4,
    waitMs: 10,
    clock: 'none',
  },
  ...FAILURE_COUNTS.map((k) => ({
    ...operatorOnce,
    id: `zero-wait-k${k}`,
    label: `k = ${k}, zero waits (RxJS: a timer(0) each)`,
    failures: k,
    retries: k,
    waitMs: 0,
    clock: 'run-mode' as const,
  })),
  ...FAILURE_COUNTS.map((k) => ({
    ...operatorOnce,
    id: `1ms-run-mode-k${k}`,
    label: `k = ${k}, 1 ms waits, run mode`,
    failures: k,
    retries: k,
    waitMs: 1,
    clock: 'run-mode' as const,
  })),
  ...FAILURE_COUNTS.map((k) => ({
    ...operatorOnce,
    id: `1ms-scheduler-k${k}`,
    label: `k = ${k}, 1 ms waits, scheduler passed`,
    failures: k,
    retries: k,
    waitMs: 1,
    clock: 'scheduler-passed' as const,
  })),
];

/** Subscriptions (or operators made) per timed iteration: enough to dwarf the timer's resolution. */
export const SUBSCRIPTIONS_PER_ITERATION = 1000;

export interface OverheadResult {
  readonly row: string;
  /** Median time of one subscription, from subscribe to completion (or of making one operator), in ns. */
  readonly medianNs: number;
  readonly rmePercent: number;
  readonly samples: number;
}

interface Observer {
  readonly next: (value: number) => void;
  readonly error: () => void;
}

/** Where each operator made by a `creation` row goes, so that the compiler cannot drop the making. */
let lastMade: MonoTypeOperatorFunction<number> | undefined;

/** What the rows timed in one process share: the schedulers and an observer that keeps a tally. */
export interface Harness {
  /** One timed iteration of `row` for `peer`, checked once first; undefined where the peer has no such row. */
  readonly task: (peer: Peer, row: OverheadRow) => (() => void) | undefined;
  /** Throws unless every subscription timed got its value and every operator made is a function. */
  readonly verify: (who: string, madeOperators: boolean) => void;
}

export function createHarness(): Harness {
  const testScheduler = new TestScheduler(() => undefined);
  const virtualScheduler = new VirtualTimeScheduler(undefined, Infinity);
  let failed = 0;
  let sum = 0;
  const observer: Observer = {
    next: (value) => {
      sum += value;
    },
    error: () => {
      failed++;
    },
  };
  return {
    task: (peer, row) => taskFor(peer, row, observer, testScheduler, virtualScheduler),
    verify: (who, madeOperators) => {
      if (failed > 0) throw new Error(`${who}: ${failed} subscriptions failed`);
      if (sum === 0) throw new Error(`${who}: no subscription delivered a value`);
      if (madeOperators && typeof lastMade !== 'function') {
        throw new Error(`${who}: making the operator gave ${typeof lastMade}`);
      }
    },
  };
}

/** A tinybench task's median, per subscription (or per operator made), in nanoseconds. */
export function medianNsOf(task: Task): number {
  const result = task.result;
  if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state}`);
  return (result.latency.p50 * 1e6) / SUBSCRIPTIONS_PER_ITERATION;
}

/** One timed iteration of `row` for `peer`, checked once first; undefined where the peer has no such row. */
function taskFor(
  peer: Peer,
  row: OverheadRow,
  observer: Observer,
  testScheduler: TestScheduler,
  virtualScheduler: VirtualTimeScheduler,
): (() => void) | undefined {
  const scheduler = row.clock === 'scheduler-passed' ? virtualScheduler : undefined;
  const flushing = scheduler ?? testScheduler;
  if (row.shape === 'operator-once') {
    const operator = peer.operator(row.retries, row.waitMs, row.failures, scheduler);
    if (operator === undefined) return undefined;
    const pipeline = failingThenSucceeding(row.failures, operator);
    checkOnce(flushing, () => pipeline, row);
    return subscribeMany(row.clock, () => pipeline, observer, testScheduler, virtualScheduler);
  }
  // Making no operator is nothing to time.
  if (row.shape === 'creation' && peer.id === 'source-alone') return undefined;
  const make = peer.asUsed({ ...row, scheduler });
  if (make === undefined) return undefined;
  if (row.shape === 'creation') {
    return () => {
      for (let i = 0; i < SUBSCRIPTIONS_PER_ITERATION; i++) lastMade = make();
    };
  }
  const call = () => failingSource(row.failures).pipe(make());
  checkOnce(flushing, call, row);
  return subscribeMany(row.clock, call, observer, testScheduler, virtualScheduler);
}

/**
 * One timed iteration: `SUBSCRIPTIONS_PER_ITERATION` subscriptions to what `call` returns. The
 * virtual clock is flushed after each subscription, so that its queue stays as short as for one
 * request at a time (a long queue costs more per timer to keep sorted).
 */
function subscribeMany(
  clock: Clock,
  call: () => Observable<number>,
  observer: Observer,
  testScheduler: TestScheduler,
  virtualScheduler: VirtualTimeScheduler,
): () => void {
  switch (clock) {
    case 'none':
      return () => {
        for (let i = 0; i < SUBSCRIPTIONS_PER_ITERATION; i++) call().subscribe(observer);
      };
    case 'run-mode':
      return () =>
        testScheduler.run(() => {
          for (let i = 0; i < SUBSCRIPTIONS_PER_ITERATION; i++) {
            call().subscribe(observer);
            testScheduler.flush();
          }
        });
    case 'scheduler-passed':
      return () => {
        for (let i = 0; i < SUBSCRIPTIONS_PER_ITERATION; i++) {
          call().subscribe(observer);
          virtualScheduler.flush();
        }
      };
  }
}

/** Makes sure the peer really retried `failures` times and delivered the success, before timing it. */
function checkOnce(
  scheduler: SchedulerLike & { flush(): void },
  call: () => Observable<number>,
  row: OverheadRow,
): void {
  const seen: string[] = [];
  const subscribe = () =>
    call().subscribe({
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
