// First: it loads Angular's JIT compiler.
import { createHttpEnvironment } from '../support/angular-environment.js';
import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import {
  runInInjectionContext,
  type EnvironmentInjector,
  type EnvironmentProviders,
  type Provider,
} from '@angular/core';
import { defer, map, queueScheduler, switchMap, throwError, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { retryOnConflict, type Backoff, type RetryEvent } from '../../src/index.js';
import { injectRetryOnConflict } from '../../src/angular/inject-retry-on-conflict.js';
import { provideRetryOnConflict } from '../../src/angular/provide-retry-on-conflict.js';
import { provideRetryOnConflictTesting } from '../../src/angular/provide-retry-on-conflict-testing.js';

const URL = '/db/counter';
const CONFLICT = { status: 409, statusText: 'Conflict' };

interface Counter {
  readonly _rev: string;
  readonly count: number;
}

describe('provideRetryOnConflictTesting', () => {
  const injectors: EnvironmentInjector[] = [];

  afterEach(() => {
    for (const injector of injectors.splice(0)) injector.destroy();
  });

  function environment(...providers: Array<Provider | EnvironmentProviders>): EnvironmentInjector {
    const injector = createHttpEnvironment([provideHttpClientTesting(), ...providers]);
    injectors.push(injector);
    return injector;
  }

  /** The counter read-modify-write: GET, +1, PUT with the `_rev` read, all retried on 409. */
  function increment(injector: EnvironmentInjector): Observable<number> {
    const http = injector.get(HttpClient);
    const retry = runInInjectionContext(injector, () => injectRetryOnConflict<number>());
    return http.get<Counter>(URL).pipe(
      switchMap((counter) =>
        http.put(URL, { ...counter, count: counter.count + 1 }).pipe(map(() => counter.count + 1)),
      ),
      retry,
    );
  }

  /** Subscribes and records what arrives, synchronously, with no test scheduler and no waiting. */
  function record(increment$: Observable<number>) {
    const seen: { values: number[]; error?: unknown; completed: boolean } = { values: [], completed: false };
    increment$.subscribe({
      next: (value) => seen.values.push(value),
      error: (error: unknown) => (seen.error = error),
      complete: () => (seen.completed = true),
    });
    return seen;
  }

  /** Answers the pending GET with revision `rev`, then the PUT that follows with `status`. */
  function answerRound(http: HttpTestingController, rev: number, status: number): void {
    http.expectOne({ method: 'GET', url: URL }).flush({ _rev: `${rev}-a`, count: rev });
    const put = http.expectOne({ method: 'PUT', url: URL });
    expect((put.request.body as Counter)._rev).toBe(`${rev}-a`);
    if (status === 200) put.flush({ ok: true });
    else put.flush({ error: 'x' }, { status, statusText: String(status) });
  }

  it('should send the retried GET as soon as a 409 is flushed, and emit once the next PUT succeeds', () => {
    const injector = environment(provideRetryOnConflictTesting());
    const http = injector.get(HttpTestingController);
    const seen = record(increment(injector));

    http.expectOne(URL).flush({ _rev: '1-a', count: 1 });
    http.expectOne({ method: 'PUT' }).flush({ error: 'conflict' }, CONFLICT);
    answerRound(http, 2, 200);

    expect(seen).toEqual({ values: [3], completed: true });
    http.verify();
  });

  it('should deliver the 409 HttpErrorResponse after the policy steps, with no request after it', () => {
    const injector = environment(
      provideRetryOnConflict({ backoff: { duration: 10, factor: 2, jitter: 0, steps: 4 } }),
      provideRetryOnConflictTesting(),
    );
    const http = injector.get(HttpTestingController);
    const seen = record(increment(injector));

    for (let rev = 1; rev <= 4; rev++) answerRound(http, rev, 409);

    expect(seen.error).toBeInstanceOf(HttpErrorResponse);
    expect((seen.error as HttpErrorResponse).status).toBe(409);
    http.verify();
  });

  it('should pass a 500 through untried', () => {
    const injector = environment(provideRetryOnConflictTesting());
    const http = injector.get(HttpTestingController);
    const seen = record(increment(injector));

    answerRound(http, 1, 500);

    expect((seen.error as HttpErrorResponse).status).toBe(500);
    http.verify();
  });

  it("should keep the policy's onRetry and its delays, in order, only not waited", () => {
    const retries: RetryEvent[] = [];
    const injector = environment(
      provideRetryOnConflictTesting(),
      provideRetryOnConflict({
        backoff: { duration: 10, factor: 2, jitter: 0, steps: 4 },
        onRetry: (event) => retries.push(event),
      }),
    );
    const http = injector.get(HttpTestingController);
    record(increment(injector));

    for (let rev = 1; rev <= 4; rev++) answerRound(http, rev, 409);

    expect(retries.map(({ attempt, delay }) => [attempt, delay])).toEqual([
      [1, 10],
      [2, 20],
      [3, 40],
    ]);
  });

  it("should replace the policy's own scheduler, whichever provider comes first", () => {
    const policyScheduler = new TestScheduler(() => {});
    for (const order of ['testing first', 'policy first'] as const) {
      const providers = [
        provideRetryOnConflictTesting(),
        provideRetryOnConflict({
          scheduler: policyScheduler,
          backoff: { duration: 50, factor: 1, jitter: 0, steps: 2 },
        }),
      ];
      const injector = environment(...(order === 'testing first' ? providers : providers.reverse()));
      const http = injector.get(HttpTestingController);
      const seen = record(increment(injector));

      answerRound(http, 1, 409);
      answerRound(http, 2, 200);

      expect(seen.values).withContext(order).toEqual([3]);
    }
  });

  it('should give up after the same attempts and waits as virtual time, cap rule included', () => {
    // Go's cap rule: once the cap is reached, one more wait and then the last error.
    const capped: Backoff = { duration: 1, factor: 3, jitter: 0, steps: 10, cap: 20 };
    const run = (retry: (source: Observable<never>) => Observable<never>) => {
      const log = { subscriptions: 0, delays: [] as number[] };
      const failing$ = defer(() => {
        log.subscriptions++;
        return throwError(() => ({ status: 409 }));
      });
      return { log, failing$: failing$.pipe(retry) };
    };

    const injector = environment(
      provideRetryOnConflict({ backoff: capped, onRetry: ({ delay }) => immediate.log.delays.push(delay) }),
      provideRetryOnConflictTesting(),
    );
    const immediate = run(runInInjectionContext(injector, () => injectRetryOnConflict<never>()));
    const immediateError = record(immediate.failing$).error;

    const virtual = new TestScheduler(() => {});
    const underVirtualTime = run(
      retryOnConflict(capped, {
        scheduler: virtual,
        onRetry: ({ delay }) => underVirtualTime.log.delays.push(delay),
      }),
    );
    let virtualError: unknown;
    virtual.run(() =>
      underVirtualTime.failing$.subscribe({ error: (error: unknown) => (virtualError = error) }),
    );

    expect(immediate.log).toEqual(underVirtualTime.log);
    // 1, 3, then 9, after which 27 would pass the cap: the 9ms wait is the last, and no attempt follows it.
    expect(immediate.log).toEqual({ subscriptions: 3, delays: [1, 3, 9] });
    expect(immediateError).toEqual(virtualError);
    expect(immediateError).toEqual({ status: 409 });
  });

  it('should run 20000 attempts of a source that fails synchronously without growing the stack', () => {
    const injector = environment(
      provideRetryOnConflict({ backoff: { duration: 1, factor: 1, jitter: 0, steps: 20_000 } }),
      provideRetryOnConflictTesting(),
    );
    let subscriptions = 0;
    const depths: number[] = [];
    const failing$ = defer(() => {
      subscriptions++;
      if (subscriptions === 2 || subscriptions === 20_000) depths.push(stackDepth());
      return throwError(() => ({ status: 409 }));
    });

    const previousLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = Infinity;
    try {
      const seen = record(
        failing$.pipe(runInInjectionContext(injector, () => injectRetryOnConflict<never>())),
      );

      expect(subscriptions).toBe(20_000);
      expect(seen.error).toEqual({ status: 409 });
      // Every retry starts from the trampoline at the same depth as the first one did.
      expect(depths.length).toBe(2);
      expect(depths[1]).toBe(depths[0]);
    } finally {
      Error.stackTraceLimit = previousLimit;
    }
  });

  it("should take each of the policy's waits with one scheduled action, not by waiting out the clock", () => {
    const schedule = spyOn(queueScheduler, 'schedule').and.callThrough();
    const injector = environment(
      provideRetryOnConflict({ backoff: { duration: 20, factor: 2, jitter: 0, steps: 4 } }),
      provideRetryOnConflictTesting(),
    );
    const failing$ = defer(() => throwError(() => ({ status: 409 })));

    const seen = record(failing$.pipe(runInInjectionContext(injector, () => injectRetryOnConflict<never>())));

    expect(seen.error).toEqual({ status: 409 });
    // Waits of 20, 40 and 80 ms: one action each, none scheduled again and again until the wall
    // clock has caught up (which, for an hour's wait, would take the hour).
    expect(schedule).toHaveBeenCalledTimes(3);
  });
});

function stackDepth(): number {
  return (new Error().stack ?? '').split('\n').length;
}
