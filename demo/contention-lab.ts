import { performance } from 'node:perf_hooks';
import { catchError, concatMap, defer, lastValueFrom, map, merge, of, range, switchMap } from 'rxjs';
import {
  isConflict,
  onError,
  retryAfterMs,
  retryOnConflict,
  type Backoff,
  type RetryEvent,
} from 'rxjs-retry-on-conflict';
import type { CouchServer, CounterDocument } from '../dev-support/servers/couch-server.js';

/**
 * One GET → +1 → PUT try: when it ran and how it ended: accepted, the PUT refused with 409, or
 * either request refused with 429 by a throttle.
 */
export interface AttemptRecord {
  readonly writer: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly outcome: 'ok' | 'conflict' | 'throttled';
}

/** One increment a writer set out to make, over all its attempts. */
export interface UpdateRecord {
  readonly writer: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly attempts: number;
  /** `done`: the server acknowledged the PUT; `gave-up`: the last 409 (or 429) reached the writer. */
  readonly outcome: 'done' | 'gave-up';
}

/** Everything one run of the workload under one backoff observed. */
export interface LabRun {
  readonly name: string;
  readonly backoff: Backoff;
  readonly writers: number;
  readonly increments: number;
  readonly attempts: readonly AttemptRecord[];
  readonly updates: readonly UpdateRecord[];
  /** Waits `retryOnConflict` started (its `onRetry` calls). */
  readonly retries: number;
  /** The counter as the server holds it after the run. */
  readonly finalCount: number;
  readonly wallMs: number;
  /** What the server itself counted during the run. */
  readonly server: { readonly gets: number; readonly puts: number; readonly conflicts: number };
  /** What the writers met behind a throttle; absent when they reached the server directly. */
  readonly throttled?: ThrottledFigures;
}

/** How the writers fared behind a throttle that answers 429 with `Retry-After`. */
export interface ThrottledFigures {
  /** `ignored`: a 429 is retried after the backoff's wait; `honoured`: after the longer of it and the ask. */
  readonly retryAfter: 'ignored' | 'honoured';
  /** Requests the writers sent, GETs and PUTs, refused ones included. */
  readonly requests: number;
  /** 429 answers the writers received. */
  readonly tooManyRequests: number;
  /** Waits that the server's ask made longer than the backoff's. */
  readonly serverSetWaits: number;
}

/** Running totals, for a progress display. */
export interface LabProgress {
  readonly settled: number;
  readonly total: number;
  readonly conflicts: number;
  readonly giveUps: number;
}

/** One run of the workload: under which backoff, with how many writers and increments. */
export interface LabOptions {
  /** The column heading: `DefaultRetry`, `DefaultBackoff`, `custom`. */
  readonly name: string;
  readonly backoff: Backoff;
  readonly writers: number;
  readonly increments: number;
  /** A database name not used before on this server: each run starts from a counter at 0. */
  readonly database: string;
  /** Called as each update settles (done or given up), for a progress display. */
  readonly onProgress?: (progress: LabProgress) => void;
  /**
   * The writers reach the server through a throttle at this URL (a throttling proxy's), and retry
   * a 429 as they retry a 409, under the same backoff: with its `Retry-After` `ignored`, or
   * `honoured` (`onError`'s `retryAfter` option with `retryAfterMs`). Absent: straight to the
   * server, retrying 409s alone with `retryOnConflict`.
   */
  readonly throttle?: { readonly url: string; readonly retryAfter: 'ignored' | 'honoured' };
}

/**
 * A non-2xx answer, carrying its status so that `isConflict` recognises a 409, and its headers so
 * that `retryAfterMs` reads a `Retry-After`.
 */
export class HttpStatusError extends Error {
  override readonly name = 'HttpStatusError';
  constructor(
    readonly status: number,
    readonly method: string,
    readonly url: string,
    readonly body: string,
    readonly headers: Headers,
  ) {
    super(`${method} ${url} answered ${status}: ${body}`);
  }
}

/** Whether an error is a 429 Too Many Requests answer. */
const isTooManyRequests = (error: unknown): boolean =>
  error instanceof HttpStatusError && error.status === 429;

async function fetchJson<T>(method: 'GET' | 'PUT', url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new HttpStatusError(response.status, method, url, text, response.headers);
  return JSON.parse(text) as T;
}

/**
 * Runs the contention workload once: `writers` writers start together and each makes `increments`
 * increments of one shared counter document, one after another, each as GET → +1 → PUT with the
 * document's `_rev` under `retryOnConflict(backoff)`. Real HTTP, real timers. With a `throttle`,
 * the writers go through it and retry its 429s too.
 */
export async function runContentionLab(server: CouchServer, options: LabOptions): Promise<LabRun> {
  const { name, backoff, writers, increments, database, onProgress, throttle } = options;
  const dbUrl = `${server.url}/${database}`;
  const docUrl = `${dbUrl}/counter`;
  // The writers' own requests: through the throttle when there is one; the set-up and the final
  // read go straight to the server.
  const writersDocUrl = `${throttle?.url ?? server.url}/${database}/counter`;
  await fetchJson('PUT', dbUrl);
  await fetchJson('PUT', docUrl, { count: 0 });

  const before = { ...server.stats };
  const attempts: AttemptRecord[] = [];
  const updates: UpdateRecord[] = [];
  let retries = 0;
  let conflicts = 0;
  let giveUps = 0;
  let requests = 0;
  let tooManyRequests = 0;
  let serverSetWaits = 0;
  const total = writers * increments;
  const origin = performance.now();
  const now = (): number => performance.now() - origin;
  const report = (): void => onProgress?.({ settled: updates.length, total, conflicts, giveUps });

  const increment$ = (writer: number) =>
    defer(() => {
      const startMs = now();
      let attempt = 0;
      // Each subscription (the first try and every retry) reads the document afresh: the cold
      // GET is what makes the retried PUT carry the current _rev.
      const tryOnce$ = defer(() => {
        attempt++;
        const attemptStart = now();
        return defer(() => (requests++, fetchJson<CounterDocument>('GET', writersDocUrl))).pipe(
          switchMap((doc) => (requests++, fetchJson('PUT', writersDocUrl, { ...doc, count: doc.count + 1 }))),
          catchError((error: unknown) => {
            if (isConflict(error)) {
              conflicts++;
              attempts.push({ writer, startMs: attemptStart, endMs: now(), outcome: 'conflict' });
            } else if (isTooManyRequests(error)) {
              tooManyRequests++;
              attempts.push({ writer, startMs: attemptStart, endMs: now(), outcome: 'throttled' });
            }
            throw error;
          }),
          map(() => attempts.push({ writer, startMs: attemptStart, endMs: now(), outcome: 'ok' })),
        );
      });
      const onRetry = ({ delay, retryAfter }: RetryEvent): void => {
        retries++;
        if (retryAfter !== undefined && delay === retryAfter) serverSetWaits++;
      };
      return tryOnce$.pipe(
        throttle === undefined
          ? retryOnConflict(backoff, { onRetry })
          : onError(backoff, (error) => isConflict(error) || isTooManyRequests(error), {
              onRetry,
              ...(throttle.retryAfter === 'honoured' ? { retryAfter: retryAfterMs } : {}),
            }),
        map(() => 'done' as const),
        // Out of attempts: the writer is told (the last 409 or 429), counts it honestly and moves on.
        catchError((error: unknown) => {
          if (!isConflict(error) && !isTooManyRequests(error)) throw error;
          giveUps++;
          return of('gave-up' as const);
        }),
        map((outcome) => {
          updates.push({ writer, startMs, endMs: now(), attempts: attempt, outcome });
          report();
        }),
      );
    });

  report();
  const writers$ = Array.from({ length: writers }, (_, writer) =>
    range(0, increments).pipe(concatMap(() => increment$(writer))),
  );
  await lastValueFrom(merge(...writers$), { defaultValue: undefined });
  const wallMs = now();
  const finalDoc = await fetchJson<CounterDocument>('GET', docUrl);
  const after = server.stats;
  return {
    name,
    backoff,
    writers,
    increments,
    attempts,
    updates,
    retries,
    finalCount: finalDoc.count,
    wallMs,
    server: {
      // The final read is not part of the workload.
      gets: after.gets - before.gets - 1,
      puts: after.puts - before.puts,
      conflicts: after.conflicts - before.conflicts,
    },
    ...(throttle === undefined
      ? {}
      : { throttled: { retryAfter: throttle.retryAfter, requests, tooManyRequests, serverSetWaits } }),
  };
}
