// First: it loads Angular's JIT compiler, which the decorated CounterService needs.
import { createHttpEnvironment } from '../support/angular-environment.js';
import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import type { EnvironmentInjector } from '@angular/core';
import { catchError, concatMap, firstValueFrom, lastValueFrom, map, merge, of, range, toArray } from 'rxjs';
import { retryOnConflict, type Backoff, type RetryEvent } from '../../src/index.js';
import {
  startCouchServer,
  type CouchServer,
  type CounterDocument,
} from '../../dev-support/servers/couch-server.js';
import {
  COUNTER_DATABASE_URL,
  COUNTER_RETRY_POLICY,
  CounterService,
  type CounterRetryPolicy,
} from './support/counter.service.js';
import { createCounter, createDatabase, readCount } from '../support/couch-client.js';
import { closeAndExpectStopped } from '../support/loopback.js';
import { RACE_SPEC_TIMEOUT_MS, suiteTimeout } from '../support/time-limits.js';

const WRITERS = 25;
const INCREMENTS_PER_WRITER = 8;
/** The race backoff of the CouchDB spec: full jitter over a widening window, no cap. */
const RACE_BACKOFF: Backoff = { duration: 25, factor: 1.2, jitter: 1, steps: 40 };

describe('CounterService (Angular HttpClient) against a CouchDB-protocol server', () => {
  suiteTimeout(RACE_SPEC_TIMEOUT_MS);

  let couch: CouchServer;
  let databaseUrl: string;
  const injectors: EnvironmentInjector[] = [];

  beforeAll(async () => {
    couch = await startCouchServer();
    databaseUrl = `${couch.url}/counters`;
    await createDatabase(databaseUrl);
  });

  afterEach(() => {
    for (const injector of injectors.splice(0)) injector.destroy();
  });

  afterAll(async () => {
    await closeAndExpectStopped(couch);
  });

  /** Without a retry policy, CounterService uses its default: DefaultRetry. */
  function angularEnvironment(retryPolicy?: CounterRetryPolicy): EnvironmentInjector {
    const injector = createHttpEnvironment([
      { provide: COUNTER_DATABASE_URL, useValue: databaseUrl },
      ...(retryPolicy ? [{ provide: COUNTER_RETRY_POLICY, useValue: retryPolicy }] : []),
    ]);
    injectors.push(injector);
    return injector;
  }

  function counterService(retryPolicy?: CounterRetryPolicy): CounterService {
    return angularEnvironment(retryPolicy).get(CounterService);
  }

  it('should increment once and emit the new count, through real HTTP requests', async () => {
    await createCounter(`${databaseUrl}/single`);
    const counters = counterService();
    const before = { ...couch.stats };

    expect(await firstValueFrom(counters.increment('single'))).toBe(1);
    expect(await firstValueFrom(counters.read('single'))).toBe(1);
    expect(couch.stats.gets - before.gets).toBe(2);
    expect(couch.stats.puts - before.puts).toBe(1);
  });

  it('should lose no update when 25 writers increment 8 times each at once', async () => {
    await createCounter(`${databaseUrl}/race`);
    const retries: RetryEvent[] = [];
    const counters = counterService({
      backoff: RACE_BACKOFF,
      options: { onRetry: (event) => retries.push(event) },
    });
    const before = { ...couch.stats };

    const written = await lastValueFrom(
      merge(
        ...Array.from({ length: WRITERS }, () =>
          range(INCREMENTS_PER_WRITER).pipe(concatMap(() => counters.increment('race'))),
        ),
      ).pipe(toArray()),
    );
    const conflicts = couch.stats.conflicts - before.conflicts;
    const puts = couch.stats.puts - before.puts;
    const gets = couch.stats.gets - before.gets;

    expect(await readCount(`${databaseUrl}/race`)).toBe(WRITERS * INCREMENTS_PER_WRITER);
    expect([...written].sort((a, b) => a - b)).toEqual(
      Array.from({ length: WRITERS * INCREMENTS_PER_WRITER }, (_, index) => index + 1),
    );
    expect(conflicts).withContext('the writers must actually have raced').toBeGreaterThan(0);
    expect(puts).toBe(WRITERS * INCREMENTS_PER_WRITER + conflicts);
    expect(gets).withContext('each retry re-read the counter').toBe(puts);
    expect(retries.length).toBe(conflicts);
    for (const { error } of retries) {
      expect(error).toBeInstanceOf(HttpErrorResponse);
      expect((error as HttpErrorResponse).status).toBe(409);
    }
  });

  it('should fail every attempt when only the PUT is retried, as an interceptor would: the _rev stays stale', async () => {
    const documentUrl = `${databaseUrl}/retry-put-only`;
    await createCounter(documentUrl);
    const environment = angularEnvironment({ backoff: RACE_BACKOFF });
    const http = environment.get(HttpClient);
    const stale = await firstValueFrom(http.get<CounterDocument>(documentUrl));
    await firstValueFrom(environment.get(CounterService).increment('retry-put-only')); // a rival write
    const before = { ...couch.stats };

    const error = await firstValueFrom(
      http
        .put(documentUrl, { ...stale, count: stale.count + 1 })
        .pipe(retryOnConflict({ duration: 5, factor: 1, jitter: 0, steps: 3 })),
    ).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );

    expect((error as HttpErrorResponse).status).toBe(409);
    expect(couch.stats.puts - before.puts).toBe(3);
    expect(couch.stats.conflicts - before.conflicts).toBe(3);
    expect(await readCount(documentUrl)).toBe(1); // only the rival's increment
  });

  it('should deliver the HttpErrorResponse 409 to the writers that lost when steps is 1', async () => {
    await createCounter(`${databaseUrl}/race-without-retries`);
    const counters = counterService({ backoff: { duration: 10, factor: 1, jitter: 0.1, steps: 1 } });
    const before = { ...couch.stats };

    const errors = await lastValueFrom(
      merge(
        ...Array.from({ length: WRITERS }, () =>
          counters.increment('race-without-retries').pipe(
            map(() => undefined),
            catchError((error: unknown) => of(error)),
          ),
        ),
      ).pipe(toArray()),
    );
    const lost = errors.filter((error) => error !== undefined);

    expect(lost.length).withContext('writers that got a 409').toBeGreaterThan(0);
    for (const error of lost) {
      expect(error).toBeInstanceOf(HttpErrorResponse);
      expect((error as HttpErrorResponse).status).toBe(409);
      expect((error as HttpErrorResponse).error).toEqual(jasmine.objectContaining({ error: 'conflict' }));
    }
    expect(couch.stats.conflicts - before.conflicts).toBe(lost.length);
    expect(couch.stats.puts - before.puts)
      .withContext('no PUT was retried')
      .toBe(WRITERS);
    expect(await readCount(`${databaseUrl}/race-without-retries`)).toBe(WRITERS - lost.length);
  });
});
