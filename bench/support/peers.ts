// The retry operators compared, each configured for the same schedule: up to `retries`
// resubscriptions, each after `waitMs` milliseconds, whatever the error.
import { retryBackoff } from 'backoff-rxjs';
import { retry, timer, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs';
import { onError } from './library.js';

export interface Peer {
  readonly id: PeerId;
  /** How the table and the chart name it. */
  readonly label: string;
  /**
   * The operator for this schedule, or undefined where the peer cannot express it. With `scheduler`,
   * the waits run on it; without, on RxJS's default, `asyncScheduler`.
   */
  readonly operator: (
    retries: number,
    waitMs: number,
    failures: number,
    scheduler?: SchedulerLike,
  ) => MonoTypeOperatorFunction<number> | undefined;
}

export type PeerId = 'source-alone' | 'ours' | 'rxjs-retry' | 'rxjs-retry-sync' | 'backoff-rxjs';

const retryEverything = (): boolean => true;

export const peers: readonly Peer[] = [
  {
    id: 'source-alone',
    label: 'source alone (no operator)',
    operator: (_retries, _waitMs, failures, scheduler) =>
      failures === 0 && scheduler === undefined ? (source) => source : undefined,
  },
  {
    id: 'ours',
    label: 'onError (this library)',
    operator: (retries, waitMs, _failures, scheduler) =>
      onError(
        { duration: waitMs, factor: 1, jitter: 0, steps: retries + 1 },
        retryEverything,
        scheduler === undefined ? {} : { scheduler },
      ),
  },
  {
    id: 'rxjs-retry',
    label: 'RxJS retry({ count, delay })',
    operator: (retries, waitMs, _failures, scheduler) =>
      retry({ count: retries, delay: scheduler === undefined ? waitMs : () => timer(waitMs, scheduler) }),
  },
  {
    // RxJS resubscribes at once, without a timer, only when `delay` is absent: the closest RxJS
    // counterpart of a zero wait, shown beside the timed one for reference.
    id: 'rxjs-retry-sync',
    label: 'RxJS retry({ count }), no delay',
    operator: (retries, waitMs, _failures, scheduler) =>
      waitMs === 0 && scheduler === undefined ? retry({ count: retries }) : undefined,
  },
  {
    id: 'backoff-rxjs',
    label: 'backoff-rxjs retryBackoff',
    // It always waits on asyncScheduler: no scheduler can be passed in.
    operator: (retries, waitMs, _failures, scheduler) =>
      scheduler === undefined
        ? retryBackoff({
            initialInterval: waitMs,
            maxRetries: retries,
            backoffDelay: (_attempt, initial) => initial,
          })
        : undefined,
  },
];

export function peerById(id: string): Peer {
  const peer = peers.find((candidate) => candidate.id === id);
  if (peer === undefined) throw new RangeError(`unknown peer ${JSON.stringify(id)}`);
  return peer;
}
