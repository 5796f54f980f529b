// First: it loads Angular's JIT compiler.
import { createHttpEnvironment } from '../support/angular-environment.js';
import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import type { EnvironmentInjector } from '@angular/core';
import { ApiException, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import axios, { AxiosError } from 'axios';
import ky, { HTTPError } from 'ky';
import { firstValueFrom, lastValueFrom } from 'rxjs';
import { ajax, AjaxError } from 'rxjs/ajax';
import { retryAfterMs } from '../../src/server-ask/retry-after.js';
import { startConfigMapServer, type ConfigMapServer } from '../../dev-support/servers/configmap-server.js';
import { closeAndExpectStopped } from '../support/loopback.js';
import { createNodeXhr } from '../support/node-xhr.js';
import { startReplyServer, type ReplyServer } from '../support/reply-server.js';
import { REAL_IO_SPEC_TIMEOUT_MS, suiteTimeout } from '../support/time-limits.js';

/** The error a promise rejects with; fails the spec if it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected the request to fail');
}

/** A clock reading, and the same instant as an HTTP-date 90 s later. */
const NOW = Date.UTC(2026, 9, 21, 7, 28, 0);
const IN_90_SECONDS = 'Wed, 21 Oct 2026 07:29:30 GMT';

describe('retryAfterMs on errors real HTTP clients throw for real answers', () => {
  suiteTimeout(REAL_IO_SPEC_TIMEOUT_MS);
  // `/seconds/429/3` answers 429 with `Retry-After: 3`; `/date/503` with an HTTP-date 90 s after
  // NOW; `/status/429/2` with a TooManyRequests Status asking 2 s and no header; `/none/503` with
  // neither.
  let server: ReplyServer;

  beforeAll(async () => {
    server = await startReplyServer((path) => {
      const [, kind, code = '500', seconds = '1'] = path.split('/');
      const status = Number(code);
      if (kind === 'seconds') return { status, body: { error: 'busy' }, headers: { 'Retry-After': seconds } };
      if (kind === 'date') return { status, body: 'busy', headers: { 'Retry-After': IN_90_SECONDS } };
      if (kind === 'status') {
        const details = { retryAfterSeconds: Number(seconds) };
        return {
          status,
          body: { kind: 'Status', apiVersion: 'v1', reason: 'TooManyRequests', code: status, details },
        };
      }
      return { status, body: { error: 'failure' } };
    });
  });

  afterAll(async () => {
    await closeAndExpectStopped(server);
  });

  describe('with Angular HttpClient', () => {
    let environment: EnvironmentInjector;
    let http: HttpClient;
    beforeAll(() => {
      environment = createHttpEnvironment();
      http = environment.get(HttpClient);
    });
    afterAll(() => environment.destroy());

    const errorFor = (path: string) => rejectionOf(firstValueFrom(http.get(`${server.url}${path}`)));

    it('should read delta-seconds, an HTTP-date and a Status from an HttpErrorResponse', async () => {
      const seconds = await errorFor('/seconds/429/3');
      expect(seconds).toBeInstanceOf(HttpErrorResponse);
      expect(retryAfterMs(seconds)).toBe(3000);
      expect(retryAfterMs(await errorFor('/date/503'), NOW)).toBe(90_000);
      expect(retryAfterMs(await errorFor('/status/429/2'))).toBe(2000);
      expect(retryAfterMs(await errorFor('/none/503'))).toBeUndefined();
    });
  });

  describe('with fetch', () => {
    const responseFor = async (path: string) => {
      const response = await fetch(`${server.url}${path}`);
      await response.arrayBuffer();
      return response;
    };

    it('should read delta-seconds and an HTTP-date from a thrown Response', async () => {
      expect(retryAfterMs(await responseFor('/seconds/429/3'))).toBe(3000);
      expect(retryAfterMs(await responseFor('/date/503'), NOW)).toBe(90_000);
      expect(retryAfterMs(new Error('HTTP 429', { cause: await responseFor('/seconds/429/4') }))).toBe(4000);
      expect(retryAfterMs(await responseFor('/none/503'))).toBeUndefined();
    });
  });

  describe('with axios', () => {
    const errorFor = (path: string) => rejectionOf(axios.get(`${server.url}${path}`));

    it('should read delta-seconds, an HTTP-date and a Status from an AxiosError', async () => {
      const seconds = await errorFor('/seconds/429/3');
      expect(seconds).toBeInstanceOf(AxiosError);
      expect(retryAfterMs(seconds)).toBe(3000);
      expect(retryAfterMs(await errorFor('/date/503'), NOW)).toBe(90_000);
      expect(retryAfterMs(await errorFor('/status/429/2'))).toBe(2000);
      expect(retryAfterMs(await errorFor('/none/503'))).toBeUndefined();
    });
  });

  describe('with ky', () => {
    const errorFor = (path: string) => rejectionOf(ky.get(`${server.url}${path}`, { retry: 0 }));

    it('should read delta-seconds and an HTTP-date from an HTTPError', async () => {
      const seconds = await errorFor('/seconds/429/3');
      expect(seconds).toBeInstanceOf(HTTPError);
      expect(retryAfterMs(seconds)).toBe(3000);
      expect(retryAfterMs(await errorFor('/date/503'), NOW)).toBe(90_000);
      expect(retryAfterMs(await errorFor('/none/503'))).toBeUndefined();
    });
  });

  describe('with RxJS ajax', () => {
    const errorFor = (path: string) =>
      rejectionOf(lastValueFrom(ajax({ url: `${server.url}${path}`, createXHR: createNodeXhr })));

    it('should read delta-seconds, an HTTP-date and a Status from an AjaxError', async () => {
      const seconds = await errorFor('/seconds/429/3');
      expect(seconds).toBeInstanceOf(AjaxError);
      expect(retryAfterMs(seconds)).toBe(3000);
      expect(retryAfterMs(await errorFor('/date/503'), NOW)).toBe(90_000);
      expect(retryAfterMs(await errorFor('/status/429/2'))).toBe(2000);
      expect(retryAfterMs(await errorFor('/none/503'))).toBeUndefined();
    });
  });

  describe('with @kubernetes/client-node', () => {
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

    const readError = () =>
      rejectionOf(core.readNamespacedConfigMap({ name: 'settings', namespace: 'default' }));

    it("should read Retry-After from an ApiException for priority and fairness' plain-text 429", async () => {
      kubernetes.refuseNext({ requests: 1, retryAfterSeconds: 2 });
      const error = await readError();
      expect(error).toBeInstanceOf(ApiException);
      expect((error as ApiException<unknown>).code).toBe(429);
      expect(retryAfterMs(error)).toBe(2000);
    });

    it("should read a TooManyRequests Status's retryAfterSeconds from an ApiException with no header", async () => {
      kubernetes.refuseNext({ requests: 1, retryAfterSeconds: 5, body: 'status', retryAfterHeader: false });
      const error = await readError();
      expect(error).toBeInstanceOf(ApiException);
      expect(retryAfterMs(error)).toBe(5000);
    });

    it('should find no ask in a 404 ApiException', async () => {
      const error = await rejectionOf(
        core.readNamespacedConfigMap({ name: 'missing', namespace: 'default' }),
      );
      expect(error).toBeInstanceOf(ApiException);
      expect(retryAfterMs(error)).toBeUndefined();
    });
  });
});
