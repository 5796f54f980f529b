// First: it loads Angular's JIT compiler.
import { createHttpEnvironment } from '../support/angular-environment.js';
import { HttpClient } from '@angular/common/http';
import type { EnvironmentInjector } from '@angular/core';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import axios from 'axios';
import ky from 'ky';
import { defer, from, lastValueFrom, type ObservableInput } from 'rxjs';
import { ajax } from 'rxjs/ajax';
import { retryWhenServerAsks, type RetryEvent } from '../../src/index.js';
import { startConfigMapServer, type ConfigMapServer } from '../../dev-support/servers/configmap-server.js';
import { closeAndExpectStopped } from '../support/loopback.js';
import { createNodeXhr } from '../support/node-xhr.js';
import { startReplyServer, type ReplyServer } from '../support/reply-server.js';
import { REAL_IO_SPEC_TIMEOUT_MS, suiteTimeout } from '../support/time-limits.js';

/** What one retried request did: its result, the retry events, and each wait as measured. */
interface Measured {
  readonly value: unknown;
  readonly events: readonly RetryEvent[];
  /** From each retry event to the start of the attempt after it, by `Date.now()` (the asyncScheduler's clock). */
  readonly waitsMs: readonly number[];
  /** When each attempt started, by `Date.now()`. */
  readonly startedAt: readonly number[];
}

/** Sends a request through retryWhenServerAsks on the real asyncScheduler and measures each wait. */
async function measure(request: () => ObservableInput<unknown>): Promise<Measured> {
  const events: RetryEvent[] = [];
  const retriedAt: number[] = [];
  const waitsMs: number[] = [];
  const startedAt: number[] = [];
  const value = await lastValueFrom(
    defer(() => {
      startedAt.push(Date.now());
      const previous = retriedAt.at(-1);
      if (previous !== undefined && waitsMs.length < retriedAt.length) waitsMs.push(Date.now() - previous);
      return from(request());
    }).pipe(
      retryWhenServerAsks(undefined, {
        onRetry: (event) => {
          events.push(event);
          retriedAt.push(Date.now());
        },
      }),
    ),
  );
  return { value, events, waitsMs, startedAt };
}

/** A GET with fetch that throws the Response when it is not ok, as the library's docs tell users to. */
async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) {
    await response.arrayBuffer();
    // The Response itself is what the readers take: its status and its headers.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw response;
  }
  return response.json();
}

/** Expects one retry whose wait the server set, and that lasted no less than it asked. */
function expectOneWaitAsAsked({ events, waitsMs }: Measured, askMs: number): void {
  expect(events.length).toBe(1);
  expect(events[0]?.retryAfter).toBe(askMs);
  expect(events[0]?.delay).toBe(askMs);
  expect(waitsMs.length).toBe(1);
  expect(waitsMs[0]).toBeGreaterThanOrEqual(askMs);
}

describe('retryWhenServerAsks with real clients, on the real asyncScheduler', () => {
  suiteTimeout(REAL_IO_SPEC_TIMEOUT_MS);
  // `/once/<name>` answers its first request 429 with `Retry-After: 1`, then 200 `{ "ok": true }`;
  // `/date/<name>` answers its first 503 with an HTTP-date one to two seconds ahead.
  let server: ReplyServer;
  const dateAsks = new Map<string, string>();

  beforeAll(async () => {
    server = await startReplyServer((path, previous) => {
      const [, kind] = path.split('/');
      if (previous > 0) return { status: 200, body: { ok: true } };
      if (kind === 'date') {
        const date = new Date((Math.floor(Date.now() / 1000) + 2) * 1000).toUTCString();
        dateAsks.set(path, date);
        return { status: 503, body: 'busy', headers: { 'Retry-After': date } };
      }
      return { status: 429, body: { error: 'busy' }, headers: { 'Retry-After': '1' } };
    });
  });

  afterAll(async () => {
    await closeAndExpectStopped(server);
  });

  it('should wait no less than asked before Angular HttpClient sends the request again', async () => {
    const environment: EnvironmentInjector = createHttpEnvironment();
    try {
      const http = environment.get(HttpClient);
      const measured = await measure(() => http.get(`${server.url}/once/angular`));
      expect(measured.value).toEqual({ ok: true });
      expectOneWaitAsAsked(measured, 1000);
      expect(server.requestsTo('/once/angular')).toBe(2);
    } finally {
      environment.destroy();
    }
  });

  it('should wait no less than asked before fetch sends the request again', async () => {
    const measured = await measure(() => fetchJson(`${server.url}/once/fetch`));
    expect(measured.value).toEqual({ ok: true });
    expectOneWaitAsAsked(measured, 1000);
  });

  it('should wait until the HTTP-date a fetch Response names', async () => {
    const measured = await measure(() => fetchJson(`${server.url}/date/fetch`));
    expect(measured.value).toEqual({ ok: true });
    const ask = measured.events[0]?.retryAfter ?? 0;
    expect(ask).toBeGreaterThan(0);
    expect(ask).toBeLessThanOrEqual(2000);
    expectOneWaitAsAsked(measured, ask);
    // The second request started no sooner than the date itself.
    expect(measured.startedAt[1]).toBeGreaterThanOrEqual(Date.parse(dateAsks.get('/date/fetch') ?? ''));
  });

  it('should wait no less than asked before axios sends the request again', async () => {
    const measured = await measure(() =>
      axios.get<unknown>(`${server.url}/once/axios`).then((response) => response.data),
    );
    expect(measured.value).toEqual({ ok: true });
    expectOneWaitAsAsked(measured, 1000);
  });

  it('should wait no less than asked before ky sends the request again', async () => {
    const measured = await measure(() => ky.get(`${server.url}/once/ky`, { retry: 0 }).json());
    expect(measured.value).toEqual({ ok: true });
    expectOneWaitAsAsked(measured, 1000);
  });

  it('should wait no less than asked before RxJS ajax sends the request again', async () => {
    const measured = await measure(() =>
      ajax({ url: `${server.url}/once/ajax-xhr`, createXHR: createNodeXhr }),
    );
    expectOneWaitAsAsked(measured, 1000);
  });

  describe('with @kubernetes/client-node against a throttled API server', () => {
    let kubernetes: ConfigMapServer;
    let core: CoreV1Api;

    beforeAll(async () => {
      kubernetes = await startConfigMapServer();
      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromClusterAndUser(
        { name: 'test', server: kubernetes.url, skipTLSVerify: true },
        { name: 'test' },
      );
      core = kubeConfig.makeApiClient(CoreV1Api);
      await core.createNamespacedConfigMap({
        namespace: 'default',
        body: { metadata: { name: 'settings' } },
      });
    });

    afterAll(async () => {
      await closeAndExpectStopped(kubernetes);
    });

    it("should wait out priority and fairness' Retry-After, then read", async () => {
      kubernetes.refuseNext({ requests: 1, retryAfterSeconds: 1 });
      const measured = await measure(() =>
        core.readNamespacedConfigMap({ name: 'settings', namespace: 'default' }),
      );
      expect((measured.value as { metadata?: { name?: string } }).metadata?.name).toBe('settings');
      expectOneWaitAsAsked(measured, 1000);
    });

    it("should wait out a TooManyRequests Status's retryAfterSeconds when there is no header", async () => {
      kubernetes.refuseNext({ requests: 1, retryAfterSeconds: 1, body: 'status', retryAfterHeader: false });
      const measured = await measure(() =>
        core.readNamespacedConfigMap({ name: 'settings', namespace: 'default' }),
      );
      expectOneWaitAsAsked(measured, 1000);
    });
  });
});
