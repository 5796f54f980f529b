import { performance } from 'node:perf_hooks';
import { catchError, concatMap, defer, lastValueFrom, map, merge, of, range, switchMap } from 'rxjs';
import { isConflict, retryOnConflict, type Backoff } from 'rxjs-retry-on-conflict';
import type { CouchServer, CounterDocument } from '../dev-support/servers/couch-server.js';

/** One GET → +1 → PUT try: when it ran and whether the PUT was refused with 409. */
export interface AttemptRecord {
  readonly writer: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly outcome: 'ok' | 'conflict';
}

/** One increment a writer set out to make, over all its attempts. */
export interface UpdateRecord {
  readonly writer: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly attempts: number;
  /** `done`: the server acknowledged the PUT; `gave-up`: the last 409 reached the writer. */
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
}

/** A non-2xx answer, carrying its status so that `isConflict` recognises a 409. */
export class HttpStatusError extends Error {
  override readonly name = 'HttpStatusError';
  constructor(
    readonly status: number,
    readonly method: string,
    readonly url: string,
    readonly body: string,
  ) {
    super(`${method} ${url} answered ${status}: ${body}`);
  }
}

async function fetchJson<T>(method: 'GET' | 'PUT', url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new HttpStatusError(response.status, method, url, text);
  return JSON.parse(text) as T;
}

/**
 * Runs the contention workload once: `writers` writers start together and each makes `increments`
 * increments of one shared counter document, one after another, each as GET → +1 → PUT with the
 * document's `_rev` under `retryOnConflict(backoff)`. Real HTTP, real timers.
 */
export async function runContentionLab(server: CouchServer, options: LabOptions): Promise<LabRun> {
  const { name, backoff, writers, increments, database, onProgress } = options;
  const dbUrl = `${server.url}/${database}`;
  const docUrl = `${dbUrl}/counter`;
  await fetchJson('PUT', dbUrl);
  await fetchJson('PUT', docUrl, { count: 0 });

  const before = { ...server.stats };
  const attempts: AttemptRecord[] = [];
  const updates: UpdateRecord[] = [];
  let retries = 0;
  let conflicts = 0;
  let giveUps = 0;
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
        return defer(() => fetchJson<CounterDocument>('GET', docUrl)).pipe(
          switchMap((doc) => fetchJson('PUT', docUrl, { ...doc, count: doc.count + 1 })),
          catchError((error: unknown) => {
            if (isConflict(error)) {
              conflicts++;
              attempts.push({ writer, startMs: attemptStart, endMs: now(), outcome: 'conflict' });
            }
            throw error;
          }),
          map(() => attempts.push({ writer, startMs: attemptStart, endMs: now(), outcome: 'ok' })),
        );
      });
      return tryOnce$.pipe(
        retryOnConflict(backoff, { onRetry: () => void retries++ }),
        map(() => 'done' as const),
        // Out of attempts: the writer is told (the last 409), counts it honestly and moves on.
        catchError((error: unknown) => {
          if (!isConflict(error)) throw error;
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
  };
}
