import {
  catchError,
  concatMap,
  lastValueFrom,
  map,
  merge,
  of,
  range,
  switchMap,
  toArray,
  type Observable,
} from 'rxjs';
import { retryOnConflict, type Backoff, type RetryEvent } from '../../src/index.js';
import {
  startCouchServer,
  type CouchServer,
  type CouchServerStats,
  type CounterDocument,
} from '../../dev-support/servers/couch-server.js';
import { createCounter, createDatabase, fetchJson, readCount } from '../support/couch-client.js';
import { closeAndExpectStopped } from '../support/loopback.js';
import { RACE_SPEC_TIMEOUT_MS, suiteTimeout } from '../support/time-limits.js';

const WRITERS = 25;
const INCREMENTS_PER_WRITER = 8;

/**
 * Lets all 25 writers finish. A GET + PUT takes a few milliseconds here, so the losers of a round
 * must spread over a window of tens of milliseconds or they collide again: full jitter (waits of
 * 25..50ms at first, widening by 1.2 per attempt) does that. Writers needed at most 13 to 21
 * attempts in trial runs (the next increment's first try does not wait, so the race never calms
 * down); 40 leaves a wide margin, and the factor makes a writer that keeps losing wait long enough
 * to win. No cap: Go's cap would end the retries early.
 */
const RACE_BACKOFF: Backoff = { duration: 25, factor: 1.2, jitter: 1, steps: 40 };

/** One GET → modify → PUT of the counter, retried as a whole on 409. */
function increment(
  documentUrl: string,
  backoff: Backoff,
  onRetry?: (event: RetryEvent) => void,
): Observable<number> {
  return fetchJson<CounterDocument>(documentUrl).pipe(
    switchMap((counter) =>
      fetchJson(documentUrl, {
        method: 'PUT',
        body: JSON.stringify({ ...counter, count: counter.count + 1 }),
      }).pipe(map(() => counter.count + 1)),
    ),
    retryOnConflict(backoff, onRetry ? { onRetry } : {}),
  );
}

/** A writer that increments the counter 8 times, one after another. */
function writer(
  documentUrl: string,
  backoff: Backoff,
  onRetry?: (event: RetryEvent) => void,
): Observable<number> {
  return range(INCREMENTS_PER_WRITER).pipe(concatMap(() => increment(documentUrl, backoff, onRetry)));
}

function delta(after: CouchServerStats, before: CouchServerStats): CouchServerStats {
  return {
    gets: after.gets - before.gets,
    puts: after.puts - before.puts,
    conflicts: after.conflicts - before.conflicts,
  };
}

describe('retryOnConflict against a CouchDB-protocol server with 25 concurrent writers', () => {
  suiteTimeout(RACE_SPEC_TIMEOUT_MS);

  let couch: CouchServer;
  let databaseUrl: string;

  beforeAll(async () => {
    couch = await startCouchServer();
    databaseUrl = `${couch.url}/counters`;
    await createDatabase(databaseUrl);
  });

  afterAll(async () => {
    await closeAndExpectStopped(couch);
  });

  it('should lose no update: 25 writers x 8 increments leave the counter at 200', async () => {
    const documentUrl = `${databaseUrl}/race`;
    await createCounter(documentUrl);
    const retries: RetryEvent[] = [];
    const before = { ...couch.stats };

    const written = await lastValueFrom(
      merge(
        ...Array.from({ length: WRITERS }, () =>
          writer(documentUrl, RACE_BACKOFF, (event) => retries.push(event)),
        ),
      ).pipe(toArray()),
    );
    const seen = delta(couch.stats, before);

    expect(await readCount(documentUrl)).toBe(WRITERS * INCREMENTS_PER_WRITER);
    // Every successful write produced a distinct value: no two writers built on the same revision.
    expect(new Set(written).size).toBe(WRITERS * INCREMENTS_PER_WRITER);
    expect(seen.conflicts).withContext('the writers must actually have raced').toBeGreaterThan(0);
    expect(seen.puts).toBe(WRITERS * INCREMENTS_PER_WRITER + seen.conflicts);
    expect(seen.gets).withContext('every attempt, retries included, read the document anew').toBe(seen.puts);
    expect(retries.length).toBe(seen.conflicts);
    expect(retries.every((event) => (event.error as Response).status === 409)).toBeTrue();
  });

  it('should lose the race with steps: 1, delivering the 409 Response to the writers that lost', async () => {
    const documentUrl = `${databaseUrl}/race-without-retries`;
    await createCounter(documentUrl);
    const before = { ...couch.stats };

    const outcomes = await lastValueFrom(
      merge(
        ...Array.from({ length: WRITERS }, () =>
          writer(documentUrl, { duration: 10, factor: 1, jitter: 0.1, steps: 1 }).pipe(
            toArray(),
            map((counts): { counts: number[]; error?: unknown } => ({ counts })),
            catchError((error: unknown) => of({ counts: [], error })),
          ),
        ),
      ).pipe(toArray()),
    );
    const seen = delta(couch.stats, before);
    const losers = outcomes.filter((outcome) => 'error' in outcome);
    const winners = outcomes.filter((outcome) => !('error' in outcome));

    expect(losers.length).withContext('writers that got a 409').toBeGreaterThan(0);
    for (const { error } of losers) {
      expect(error).toBeInstanceOf(Response);
      expect((error as Response).status).toBe(409);
    }
    for (const { counts } of winners) expect(counts.length).toBe(INCREMENTS_PER_WRITER);
    expect(seen.conflicts).toBe(losers.length);
    // No retry: each lost race cost one GET and one PUT, and the losers stopped there.
    expect(seen.gets).toBe(seen.puts);
    const finalCount = await readCount(documentUrl);
    expect(finalCount).toBeLessThan(WRITERS * INCREMENTS_PER_WRITER);
    expect(finalCount).toBe(seen.puts - seen.conflicts);
  });
});
