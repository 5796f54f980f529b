// First: it loads Angular's JIT compiler.
import { createHttpEnvironment } from '../support/angular-environment.js';
import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import type { EnvironmentInjector } from '@angular/core';
import axios, { AxiosError } from 'axios';
import ky, { HTTPError } from 'ky';
import { defer, lastValueFrom, tap, type Observable } from 'rxjs';
import { ajax, AjaxError } from 'rxjs/ajax';
import { isConflict, onError, retryOnConflict, type Backoff, type RetryEvent } from '../../src/index.js';
import { fetchJson } from '../support/couch-client.js';
import { closeAndExpectStopped } from '../support/loopback.js';
import { createNodeXhr } from '../support/node-xhr.js';
import { startReplyServer, type ReplyServer } from '../support/reply-server.js';
import { REAL_IO_SPEC_TIMEOUT_MS, suiteTimeout } from '../support/time-limits.js';

/** Three attempts, 5ms apart: short real waits, an exact attempt count. */
const THREE_ATTEMPTS: Backoff = { duration: 5, factor: 1, jitter: 0, steps: 3 };

interface HttpClientUnderTest {
  readonly name: string;
  /** The error type this client fails with on an HTTP error status. */
  readonly errorType: new (...args: never[]) => unknown;
  /** A cold GET: each subscription sends a new request. */
  get(url: string): Observable<unknown>;
}

const statusOf = (error: unknown): unknown =>
  error instanceof AxiosError || error instanceof HTTPError
    ? error.response?.status
    : (error as { status?: unknown }).status;

describe('retryOnConflict giving up, over real HTTP', () => {
  suiteTimeout(REAL_IO_SPEC_TIMEOUT_MS);

  // `/always/NNN` always answers NNN; `/then-ok/NNN/K` answers NNN K times, then 200.
  let server: ReplyServer;
  let angular: EnvironmentInjector;
  let pathsUsed = 0;

  beforeAll(async () => {
    server = await startReplyServer((path, previous) => {
      const [, script, code = '500', times = '0'] = path.split('/');
      const status = script === 'then-ok' && previous >= Number(times) ? 200 : Number(code);
      return { status, body: { error: status === 409 ? 'conflict' : status === 200 ? 'none' : 'failure' } };
    });
    angular = createHttpEnvironment();
  });

  afterAll(async () => {
    angular.destroy();
    await closeAndExpectStopped(server);
  });

  const clients: HttpClientUnderTest[] = [
    { name: 'fetch (fromFetch, throwing the Response)', errorType: Response, get: (url) => fetchJson(url) },
    {
      name: 'Angular HttpClient',
      errorType: HttpErrorResponse,
      get: (url) => angular.get(HttpClient).get(url),
    },
    { name: 'RxJS ajax', errorType: AjaxError, get: (url) => ajax({ url, createXHR: createNodeXhr }) },
    { name: 'axios', errorType: AxiosError, get: (url) => defer(() => axios.get(url)) },
    { name: 'ky', errorType: HTTPError, get: (url) => defer(() => ky.get(url, { retry: 0 }).json()) },
  ];

  /** A path no other spec has used, so that request counts start at zero. */
  function freshPath(script: string): string {
    return `${script}-${++pathsUsed}`;
  }

  async function outcomeOf(source: Observable<unknown>): Promise<{ value?: unknown; error?: unknown }> {
    try {
      return { value: await lastValueFrom(source) };
    } catch (error: unknown) {
      return { error };
    }
  }

  /**
   * Gets `path` with the client under `retryOnConflict(THREE_ATTEMPTS)`, recording every error an
   * attempt threw and every retry announced.
   */
  async function retriedOnConflict(client: HttpClientUnderTest, path: string) {
    const thrown: unknown[] = [];
    const retries: RetryEvent[] = [];
    const { error } = await outcomeOf(
      client
        .get(`${server.url}${path}`)
        .pipe(
          tap({ error: (failure: unknown) => thrown.push(failure) }),
          retryOnConflict(THREE_ATTEMPTS, { onRetry: (event) => retries.push(event) }),
        ),
    );
    return { error, thrown, retries };
  }

  for (const client of clients) {
    describe(`with ${client.name}`, () => {
      it('should deliver the last 409 error object itself after steps attempts', async () => {
        const path = `/always/409/${freshPath('give-up')}`;
        const { error, thrown, retries } = await retriedOnConflict(client, path);

        expect(server.requestsTo(path)).toBe(3);
        expect(thrown.length).toBe(3);
        expect(error).toBe(thrown[2]); // the same object, not a wrapper, and the last one
        expect(error).toBeInstanceOf(client.errorType);
        expect(statusOf(error)).toBe(409);
        expect(isConflict(error)).toBeTrue();
        expect(retries.map(({ attempt, delay }) => [attempt, delay])).toEqual([
          [1, 5],
          [2, 5],
        ]);
      });

      it('should pass a 500 through at once, without a retry', async () => {
        const path = `/always/500/${freshPath('server-error')}`;
        const { error, thrown, retries } = await retriedOnConflict(client, path);

        expect(server.requestsTo(path)).toBe(1);
        expect(error).toBe(thrown[0]);
        expect(error).toBeInstanceOf(client.errorType);
        expect(statusOf(error)).toBe(500);
        expect(retries).toEqual([]);
      });

      it('should succeed on the third attempt after two 409s', async () => {
        const path = `/then-ok/409/2/${freshPath('recover')}`;
        const { value, error } = await outcomeOf(
          client.get(`${server.url}${path}`).pipe(retryOnConflict(THREE_ATTEMPTS)),
        );

        expect(error).toBeUndefined();
        expect(value).toBeDefined();
        expect(server.requestsTo(path)).toBe(3);
      });
    });
  }

  describe('with onError for transient errors (Angular HttpClient)', () => {
    const isTransient = (error: unknown) =>
      error instanceof HttpErrorResponse && [502, 503, 504].includes(error.status);

    it('should retry a 503 and succeed once the server recovers', async () => {
      const path = `/then-ok/503/2/${freshPath('transient')}`;
      const http = angular.get(HttpClient);

      const { error } = await outcomeOf(
        http.get(`${server.url}${path}`).pipe(onError(THREE_ATTEMPTS, isTransient)),
      );

      expect(error).toBeUndefined();
      expect(server.requestsTo(path)).toBe(3);
    });

    it('should not retry a 409 under a policy for transient errors', async () => {
      const path = `/always/409/${freshPath('conflict-not-transient')}`;
      const http = angular.get(HttpClient);

      const { error } = await outcomeOf(
        http.get(`${server.url}${path}`).pipe(onError(THREE_ATTEMPTS, isTransient)),
      );

      expect(error).toBeInstanceOf(HttpErrorResponse);
      expect(server.requestsTo(path)).toBe(1);
    });
  });
});
