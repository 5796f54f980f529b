// The retry operators compared, each configured for the same schedule: up to `retries`
// resubscriptions, each after `waitMs` milliseconds.
import { retryBackoff } from 'backoff-rxjs';
import { retry, timer, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs';
import { onError, retryOnConflict, type Backoff } from './library.js';

/** What a row asks of the operator an app writes at its call site. */
export interface CallSite {
  /** Resubscriptions allowed. */
  readonly retries: number;
  readonly waitMs: number;
  /** Attempts that fail before one succeeds. */
  readonly failures: number;
  /** Where the waits run; undefined for RxJS's default, `asyncScheduler`. */
  readonly scheduler: SchedulerLike | undefined;
  /**
   * Whether the call is each library's plain default as an app writes it: `retryOnConflict()`,
   * `retry({ count: 4, delay: () => timer(10) })` (client-go's `DefaultRetry` in RxJS's words).
   */
  readonly defaults: boolean;
}

export interface Peer {
  readonly id: PeerId;
  /** How the table and the chart name it. */
  readonly label: string;
  /**
   * The operator for this schedule, made once by the caller and piped into every subscription;
   * undefined where the peer cannot express it. With `scheduler`, the waits run on it; without, on
   * RxJS's default, `asyncScheduler`. Whatever the error, it is retried.
   */
  readonly operator: (
    retries: number,
    waitMs: number,
    failures: number,
    scheduler?: SchedulerLike,
  ) => MonoTypeOperatorFunction<number> | undefined;
  /**
   * A function that makes the operator each time it is called, written as an app writes it in a
   * method that returns `request.pipe(operator)`: what an app keeps in a constant is made here,
   * once; what it writes in the call (the options, the config literal) is made by every call.
   * Undefined where the peer cannot express the call.
   */
  readonly asUsed: (call: CallSite) => (() => MonoTypeOperatorFunction<number>) | undefined;
}

export type PeerId = 'source-alone' | 'ours' | 'rxjs-retry' | 'rxjs-retry-sync' | 'backoff-rxjs';

const retryEverything = (): boolean => true;

export const peers: readonly Peer[] = [
  {
    id: 'source-alone',
    label: 'source alone (no operator)',
    operator: (_retries, _waitMs, failures, scheduler) =>
      failures === 0 && scheduler === undefined ? (source) => source : undefined,
    asUsed: ({ failures, scheduler }) =>
      failures === 0 && scheduler === undefined ? () => (source) => source : undefined,
  },
  {
    id: 'ours',
    label: 'this library',
    operator: (retries, waitMs, _failures, scheduler) =>
      onError(
        { duration: waitMs, factor: 1, jitter: 0, steps: retries + 1 },
        retryEverything,
        scheduler === undefined ? {} : { scheduler },
      ),
    asUsed: ({ retries, waitMs, scheduler, defaults }) => {
      if (defaults) return scheduler === undefined ? () => retryOnConflict<number>() : undefined;
      // A backoff of its own is config an app keeps in a constant beside the service.
      const backoff: Backoff = Object.freeze({ duration: waitMs, factor: 1, jitter: 0, steps: retries + 1 });
      return scheduler === undefined
        ? () => retryOnConflict<number>(backoff)
        : () => retryOnConflict<number>(backoff, { scheduler });
    },
  },
  {
    id: 'rxjs-retry',
    label: 'RxJS retry({ count, delay })',
    operator: (retries, waitMs, _failures, scheduler) =>
      retry({ count: retries, delay: scheduler === undefined ? waitMs : () => timer(waitMs, scheduler) }),
    asUsed: ({ retries, waitMs, scheduler }) =>
      scheduler === undefined
        ? () => retry<number>({ count: retries, delay: () => timer(waitMs) })
        : () => retry<number>({ count: retries, delay: () => timer(waitMs, scheduler) }),
  },
  {
    // RxJS resubscribes at once, without a timer, only when `delay` is absent: the closest RxJS
    // counterpart of a zero wait (synchronous resubscription, where `delay: 0` schedules a
    // `timer(0)`), shown beside the timed one for reference.
    id: 'rxjs-retry-sync',
    label: 'RxJS retry({ count }), no delay (synchronous)',
    operator: (retries, waitMs, _failures, scheduler) =>
      waitMs === 0 && scheduler === undefined ? retry({ count: retries }) : undefined,
    asUsed: ({ retries, waitMs, scheduler, defaults }) =>
      waitMs === 0 && scheduler === undefined && !defaults
        ? () => retry<number>({ count: retries })
        : undefined,
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
    asUsed: ({ retries, waitMs, scheduler, defaults }) => {
      if (scheduler !== undefined) return undefined;
      if (defaults) return () => retryBackoff({ initialInterval: waitMs, maxRetries: retries });
      return () =>
        retryBackoff({
          initialInterval: waitMs,
          maxRetries: retries,
          backoffDelay: (_attempt, initial) => initial,
        });
    },
  },
];

export function peerById(id: string): Peer {
  const peer = peers.find((candidate) => candidate.id === id);
  if (peer === undefined) throw new RangeError(`unknown peer ${JSON.stringify(id)}`);
  return peer;
}
