// Child process, run with --expose-gc: heap growth across many retries in one subscription and
// across many short subscriptions, measured after full garbage collections.
// Usage: node --expose-gc --import tsx bench/memory.ts
import { Observable, type MonoTypeOperatorFunction } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { reply } from './support/reply.js';
import { conflict, failingThenSucceeding } from './support/failing-source.js';
import { peerById, type PeerId } from './support/peers.js';

export const RETRIES_IN_ONE_SUBSCRIPTION = 100_000;
export const SHORT_SUBSCRIPTIONS = 100_000;
/** Attempts made before the first heap sample, so that compiled code and caches are in place. */
const WARM_UP = 1_000;

export interface MemoryResult {
  readonly peer: PeerId;
  readonly waitMs: number;
  readonly scenario: 'one-subscription' | 'short-subscriptions';
  /** Retries (or subscriptions) between the two heap samples. */
  readonly count: number;
  readonly heapBeforeBytes: number;
  readonly heapAfterBytes: number;
  /** (after - before) / count: flat means about zero. */
  readonly bytesPerUnit: number;
}

const collectGarbage = globalThis.gc;

function heapAfterGc(): number {
  if (collectGarbage === undefined) throw new Error('run with node --expose-gc');
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/**
 * One subscription that fails `WARM_UP + RETRIES_IN_ONE_SUBSCRIPTION` times, sampling the heap from
 * inside the source (so while the subscription is alive and retrying) at the two marks.
 */
function oneSubscription(peer: PeerId, waitMs: number): MemoryResult {
  const failures = WARM_UP + RETRIES_IN_ONE_SUBSCRIPTION;
  const operator = operatorOf(peer, failures, waitMs);
  const samples = new Map<number, number>();
  let attempts = 0;
  const source = new Observable<number>((subscriber) => {
    attempts++;
    if (attempts === WARM_UP + 1 || attempts === failures + 1) samples.set(attempts, heapAfterGc());
    if (attempts <= failures) subscriber.error(conflict);
    else {
      subscriber.next(attempts);
      subscriber.complete();
    }
  });
  let outcome = 'none';
  new TestScheduler(() => undefined).run(() => {
    source.pipe(operator).subscribe({
      next: () => (outcome = 'next'),
      error: (error: unknown) => (outcome = `error ${String(error)}`),
    });
  });
  const before = samples.get(WARM_UP + 1);
  const after = samples.get(failures + 1);
  if (outcome !== 'next' || before === undefined || after === undefined) {
    throw new Error(`${peer}: ${attempts} attempts, outcome ${outcome}`);
  }
  return {
    peer,
    waitMs,
    scenario: 'one-subscription',
    count: RETRIES_IN_ONE_SUBSCRIPTION,
    heapBeforeBytes: before,
    heapAfterBytes: after,
    bytesPerUnit: (after - before) / RETRIES_IN_ONE_SUBSCRIPTION,
  };
}

/** Many subscriptions, each failing once and then succeeding; the heap is sampled between them. */
function shortSubscriptions(peer: PeerId): MemoryResult {
  const pipeline = failingThenSucceeding(1, operatorOf(peer, 1, 0));
  const scheduler = new TestScheduler(() => undefined);
  let succeeded = 0;
  const observer = { next: () => void succeeded++ };
  const subscribeMany = (count: number) =>
    scheduler.run(() => {
      for (let i = 0; i < count; i++) {
        pipeline.subscribe(observer);
        scheduler.flush();
      }
    });
  subscribeMany(WARM_UP);
  const before = heapAfterGc();
  subscribeMany(SHORT_SUBSCRIPTIONS);
  const after = heapAfterGc();
  if (succeeded !== WARM_UP + SHORT_SUBSCRIPTIONS) throw new Error(`${peer}: ${succeeded} succeeded`);
  return {
    peer,
    waitMs: 0,
    scenario: 'short-subscriptions',
    count: SHORT_SUBSCRIPTIONS,
    heapBeforeBytes: before,
    heapAfterBytes: after,
    bytesPerUnit: (after - before) / SHORT_SUBSCRIPTIONS,
  };
}

function operatorOf(peer: PeerId, retries: number, waitMs: number): MonoTypeOperatorFunction<number> {
  const operator = peerById(peer).operator(retries, waitMs, retries);
  if (operator === undefined) throw new Error(`${peer} cannot wait ${waitMs} ms`);
  return operator;
}

reply([
  oneSubscription('ours', 0),
  oneSubscription('ours', 1),
  oneSubscription('rxjs-retry', 0),
  oneSubscription('backoff-rxjs', 0),
  shortSubscriptions('ours'),
  shortSubscriptions('rxjs-retry'),
  shortSubscriptions('rxjs-retry-sync'),
  shortSubscriptions('backoff-rxjs'),
]);
