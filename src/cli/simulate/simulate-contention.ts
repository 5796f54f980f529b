import {
  catchError,
  concatMap,
  defer,
  map,
  of,
  range,
  retry,
  switchMap,
  throwError,
  timer,
  type MonoTypeOperatorFunction,
  type SchedulerLike,
} from 'rxjs';
import type { Backoff } from '../../backoff/backoff.js';
import { isConflict } from '../../conflict/is-conflict.js';
import { retryOnConflict } from '../../operators/retry-on-conflict.js';
import { EventScheduler } from './event-scheduler.js';
import { ModelledStore, type NetworkModel } from './modelled-store.js';
import { seededRandom } from './seeded-random.js';
import type { WaitSchedule } from './wait-functions.js';

/**
 * How a writer retries a conflict: this library's `retryOnConflict` with a {@link Backoff}, or a
 * plain wait function (such as the AWS post's backoffs) under RxJS's own `retry({ delay })`.
 *
 * @example
 * ```ts
 * import { DefaultRetry } from 'rxjs-retry-on-conflict';
 *
 * const go: RetryPolicy = { backoff: DefaultRetry };
 * // A plain wait function under RxJS's `retry`: 10 ms before every retry, never giving up.
 * const forever: RetryPolicy = { waits: () => () => 10, maxAttempts: Infinity };
 * ```
 */
export type RetryPolicy =
  { readonly backoff: Backoff } | { readonly waits: WaitSchedule; readonly maxAttempts: number };

/**
 * What to simulate: writers that all start at time 0, each making `updatesPerWriter` updates of one
 * document, one after another, each as read → write-if-revision under `retry`.
 *
 * @example
 * ```ts
 * import { DefaultRetry } from 'rxjs-retry-on-conflict';
 *
 * const options: ContentionOptions = {
 *   writers: 20,
 *   updatesPerWriter: 10,
 *   retry: { backoff: DefaultRetry },
 *   network: { delayMeanMs: 0.25, delaySdMs: 0.1, readServiceMs: 0.5, writeServiceMs: 1 },
 *   seed: 1,
 * };
 * ```
 */
export interface ContentionOptions {
  /** Writers racing for the document, an integer >= 1. */
  readonly writers: number;
  /** Updates each writer makes in turn, an integer >= 1. Default 1. */
  readonly updatesPerWriter?: number;
  readonly retry: RetryPolicy;
  readonly network: NetworkModel;
  /** Seeds the network's draws and, separately, the jitter: the same seed gives the same run. */
  readonly seed: number;
  /**
   * The virtual clock to run on, fresh for this run. Default: a new {@link EventScheduler}. RxJS's
   * `VirtualTimeScheduler` gives the same result (it runs actions due together in the order they
   * were scheduled, too), more slowly for many writers.
   */
  readonly scheduler?: SchedulerLike & { flush(): void };
}

/**
 * What one simulated run observed. Times are in milliseconds of virtual time.
 *
 * @example
 * ```ts
 * const landed = (result: ContentionResult) => result.done / result.updates;
 * ```
 */
export interface ContentionResult {
  /** Updates the writers set out to make: writers × updates per writer. */
  readonly updates: number;
  /** Updates whose write was accepted. */
  readonly done: number;
  /** Updates whose retries ran out: the writer received the last conflict. */
  readonly giveUps: number;
  /** Conflicts the writers received (refused writes). */
  readonly conflicts: number;
  /** Requests the server served: reads and writes. */
  readonly reads: number;
  readonly writes: number;
  /** The most attempts one update took. */
  readonly maxAttempts: number;
  /** From each done update's first read to its accepted write, ascending. */
  readonly latenciesMs: readonly number[];
  /** When the last update settled (done or given up). */
  readonly completionMs: number;
}

/**
 * Runs `writers` pipelines with this library's real operator on a virtual clock against a
 * {@link ModelledStore}, and counts what happened. Deterministic: the same options give the same
 * result. Synchronous: it returns when every update has settled.
 *
 * @example
 * ```ts
 * import { DefaultRetry } from 'rxjs-retry-on-conflict';
 *
 * const result = simulateContention({
 *   writers: 3,
 *   retry: { backoff: DefaultRetry },
 *   network: { delayMeanMs: 1, delaySdMs: 0, readServiceMs: 0, writeServiceMs: 0 },
 *   seed: 1,
 * });
 * result.done + result.giveUps; // 3
 * result.writes - result.conflicts; // 3
 * ```
 */
export function simulateContention(options: ContentionOptions): ContentionResult {
  const { writers, updatesPerWriter = 1, retry: policy, network, seed } = options;
  const scheduler = options.scheduler ?? new EventScheduler();
  const store = new ModelledStore(scheduler, network, seededRandom(seed));
  // A stream of its own, so that the jitter draws do not shift the network's.
  const jitterRandom = seededRandom(seed ^ 0x5bd1e995);
  const latenciesMs: number[] = [];
  let giveUps = 0;
  let maxAttempts = 0;
  let completionMs = 0;

  const retrying =
    'backoff' in policy
      ? retryOnConflict<number>(policy.backoff, { scheduler, random: jitterRandom })
      : retryWith(policy.waits, policy.maxAttempts, scheduler, jitterRandom);

  const update$ = defer(() => {
    const startMs = scheduler.now();
    let attempts = 0;
    return defer(() => {
      attempts++;
      return store.read();
    }).pipe(
      switchMap((revision) => store.write(revision)),
      retrying,
      map(() => {
        latenciesMs.push(scheduler.now() - startMs);
      }),
      catchError((error: unknown) => {
        if (!isConflict(error)) throw error;
        giveUps++;
        return of(undefined);
      }),
      map(() => {
        if (attempts > maxAttempts) maxAttempts = attempts;
        completionMs = scheduler.now();
      }),
    );
  });

  // Anything but a conflict is a fault of the simulation itself: it ends the run, reported below.
  const faults: unknown[] = [];
  for (let writer = 0; writer < writers; writer++) {
    range(0, updatesPerWriter)
      .pipe(concatMap(() => update$))
      .subscribe({ error: (error: unknown) => faults.push(error) });
  }
  scheduler.flush();
  if (faults.length > 0) throw faults[0];

  latenciesMs.sort((a, b) => a - b);
  return {
    updates: writers * updatesPerWriter,
    done: latenciesMs.length,
    giveUps,
    conflicts: store.counts.conflicts,
    reads: store.counts.reads,
    writes: store.counts.writes,
    maxAttempts,
    latenciesMs,
    completionMs,
  };
}

/** RxJS's `retry`, on conflicts only, waiting as `schedule` says, for at most `maxAttempts` attempts. */
function retryWith(
  schedule: WaitSchedule,
  maxAttempts: number,
  scheduler: SchedulerLike,
  random: () => number,
): MonoTypeOperatorFunction<number> {
  return (source) =>
    defer(() => {
      const wait = schedule();
      return source.pipe(
        retry({
          delay: (error: unknown, retryCount: number) =>
            isConflict(error) && retryCount < maxAttempts
              ? timer(wait(retryCount, random), scheduler)
              : throwError(() => error),
        }),
      );
    });
}
