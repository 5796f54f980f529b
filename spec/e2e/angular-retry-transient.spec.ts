// First: it loads Angular's JIT compiler.
import { createHttpEnvironment } from '../support/angular-environment.js';
import {
  HttpClient,
  HttpErrorResponse,
  provideHttpClient,
  withFetch,
  withInterceptors,
} from '@angular/common/http';
import type { EnvironmentInjector } from '@angular/core';
import { performance } from 'node:perf_hooks';
import { lastValueFrom, type Observable } from 'rxjs';
import { DefaultBackoff } from '../../src/index.js';
import { retryTransientErrors } from './support/retry-transient.interceptor.js';
import { closeAndExpectStopped } from '../support/loopback.js';
import { startReplyServer, type ReplyServer } from '../support/reply-server.js';
import { REAL_IO_SPEC_TIMEOUT_MS, suiteTimeout } from '../support/time-limits.js';

describe('retryTransientErrors (Angular interceptor) over real HTTP', () => {
  suiteTimeout(REAL_IO_SPEC_TIMEOUT_MS);

  // `/then-ok/NNN/K/...` answers NNN K times, then 200; `/always/NNN/...` always answers NNN;
  // `/then-ok-after-1s/NNN/K/...` as `then-ok`, with `Retry-After: 1` on each failure.
  let server: ReplyServer;
  /** When each request to a path arrived, by the server's clock. */
  const arrivals = new Map<string, number[]>();
  let environment: EnvironmentInjector;
  let http: HttpClient;

  beforeAll(async () => {
    server = await startReplyServer((path, previous) => {
      const [, script = '', code = '500', times = '0'] = path.split('/');
      arrivals.set(path, [...(arrivals.get(path) ?? []), performance.now()]);
      const status = script.startsWith('then-ok') && previous >= Number(times) ? 200 : Number(code);
      // `/then-ok-after-1s/...` asks for a second with each failure, as a busy server does.
      const headers: Record<string, string> =
        script === 'then-ok-after-1s' && status !== 200 ? { 'retry-after': '1' } : {};
      return { status, body: { status }, headers };
    });
    // The later provideHttpClient wins: HttpClient with the interceptor, as an application sets it up.
    environment = createHttpEnvironment([
      provideHttpClient(withFetch(), withInterceptors([retryTransientErrors()])),
    ]);
    http = environment.get(HttpClient);
  });

  afterAll(async () => {
    environment.destroy();
    await closeAndExpectStopped(server);
  });

  async function errorOf(request: Observable<unknown>): Promise<unknown> {
    try {
      await lastValueFrom(request);
      return undefined;
    } catch (error: unknown) {
      return error;
    }
  }

  it('should resend a GET that fails with 503 until it succeeds', async () => {
    const path = '/then-ok/503/2/get';
    expect(await lastValueFrom(http.get(`${server.url}${path}`))).toEqual({ status: 200 });
    expect(server.requestsTo(path)).toBe(3);
  });

  it('should resend a PUT that fails with 502 until it succeeds', async () => {
    const path = '/then-ok/502/1/put';
    expect(await lastValueFrom(http.put(`${server.url}${path}`, { value: 1 }))).toEqual({ status: 200 });
    expect(server.requestsTo(path)).toBe(2);
  });

  it('should give up after DefaultBackoff.steps attempts with the last 504 HttpErrorResponse', async () => {
    const path = '/always/504/give-up';
    const error = await errorOf(http.get(`${server.url}${path}`));
    expect(error).toBeInstanceOf(HttpErrorResponse);
    expect((error as HttpErrorResponse).status).toBe(504);
    expect(server.requestsTo(path)).toBe(DefaultBackoff.steps);
  });

  for (const status of [429, 503]) {
    it(`should resend a GET that fails with ${status} and Retry-After: 1 no sooner than a second later`, async () => {
      const path = `/then-ok-after-1s/${status}/1/get`;
      expect(await lastValueFrom(http.get(`${server.url}${path}`))).toEqual({ status: 200 });
      expect(server.requestsTo(path)).toBe(2);
      const [first = 0, second = 0] = arrivals.get(path) ?? [];
      expect(second - first).toBeGreaterThanOrEqual(1000);
    });
  }

  it('should not resend a 429 without Retry-After: the server has not said when', async () => {
    const path = '/then-ok/429/1/no-ask';
    const error = await errorOf(http.get(`${server.url}${path}`));
    expect((error as HttpErrorResponse).status).toBe(429);
    expect(server.requestsTo(path)).toBe(1);
  });

  it('should not resend a POST: it is not idempotent', async () => {
    const path = '/then-ok/503/1/post';
    const error = await errorOf(http.post(`${server.url}${path}`, { value: 1 }));
    expect((error as HttpErrorResponse).status).toBe(503);
    expect(server.requestsTo(path)).toBe(1);
  });

  it('should not resend a request that failed with 409 Conflict or 500', async () => {
    for (const status of [409, 500]) {
      const path = `/then-ok/${status}/1/not-transient`;
      const error = await errorOf(http.put(`${server.url}${path}`, { value: 1 }));
      expect((error as HttpErrorResponse).status).toBe(status);
      expect(server.requestsTo(path)).withContext(`status ${status}`).toBe(1);
    }
  });
});
