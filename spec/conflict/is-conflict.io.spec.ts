// First: it loads Angular's JIT compiler.
import { createHttpEnvironment } from '../support/angular-environment.js';
import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import type { EnvironmentInjector } from '@angular/core';
import { ApiException, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import axios, { AxiosError } from 'axios';
import ky, { HTTPError } from 'ky';
import { firstValueFrom, lastValueFrom } from 'rxjs';
import { ajax, AjaxError } from 'rxjs/ajax';
import { fromFetch } from 'rxjs/fetch';
import { isConflict } from '../../src/conflict/is-conflict.js';
import { startConfigMapServer, type ConfigMapServer } from '../../dev-support/servers/configmap-server.js';
import { closeAndExpectStopped } from '../support/loopback.js';
import { createNodeXhr } from '../support/node-xhr.js';
import { startReplyServer, type ReplyServer } from '../support/reply-server.js';
import { REAL_IO_SPEC_TIMEOUT_MS, suiteTimeout } from '../support/time-limits.js';

/** A Kubernetes `metav1.Status` failure as the API server sends it. */
function kubernetesStatus(code: number, reason: string): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: reason, reason, code };
}

/** The error a promise rejects with; fails the spec if it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected the request to fail');
}

/**
 * isConflict on the errors real clients make from real responses of loopback servers; the same
 * carriers, built as each client builds them, and every other rule are in is-conflict.spec.ts.
 */
describe('isConflict, with real clients and servers', () => {
  // Real clients against loopback servers: slow under load, never stuck.
  suiteTimeout(REAL_IO_SPEC_TIMEOUT_MS);
  // Every error below is made by the real client library from a real response of this server:
  // `/status/409` answers 409 with a CouchDB-style body, `/kubernetes/409/AlreadyExists` with a Status.
  let server: ReplyServer;

  beforeAll(async () => {
    server = await startReplyServer((path) => {
      const [, kind, code = '500', reason = ''] = path.split('/');
      const status = Number(code);
      if (kind === 'kubernetes') return { status, body: kubernetesStatus(status, reason) };
      if (kind === 'text') return { status, body: 'plain text' };
      return { status, body: { error: status === 409 ? 'conflict' : 'failure' } };
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

    const httpErrorFor = (path: string) => rejectionOf(firstValueFrom(http.get(`${server.url}${path}`)));

    it('should recognise an HttpErrorResponse with status 409', async () => {
      const error = await httpErrorFor('/status/409');
      expect(error).toBeInstanceOf(HttpErrorResponse);
      expect(isConflict(error)).toBeTrue();
    });

    it('should not recognise an HttpErrorResponse with status 404, 412 or 500', async () => {
      for (const status of [404, 412, 500]) {
        const error = await httpErrorFor(`/status/${status}`);
        expect(error).toBeInstanceOf(HttpErrorResponse);
        expect(isConflict(error)).withContext(`status ${status}`).toBeFalse();
      }
    });

    it('should judge an HttpErrorResponse carrying a Kubernetes Status by its reason', async () => {
      expect(isConflict(await httpErrorFor('/kubernetes/409/Conflict'))).toBeTrue();
      expect(isConflict(await httpErrorFor('/kubernetes/409/AlreadyExists'))).toBeFalse();
    });

    it('should not recognise an HttpErrorResponse for a refused connection (status 0)', async () => {
      const refusedUrl = await closedPortUrl();
      const error = await rejectionOf(firstValueFrom(http.get(refusedUrl)));
      expect(error).toBeInstanceOf(HttpErrorResponse);
      expect((error as HttpErrorResponse).status).toBe(0);
      expect(isConflict(error)).toBeFalse();
    });
  });

  describe('with RxJS ajax', () => {
    const ajaxErrorFor = (path: string) =>
      rejectionOf(lastValueFrom(ajax({ url: `${server.url}${path}`, createXHR: createNodeXhr })));

    it('should recognise an AjaxError with status 409', async () => {
      const error = await ajaxErrorFor('/status/409');
      expect(error).toBeInstanceOf(AjaxError);
      expect(isConflict(error)).toBeTrue();
    });

    it('should not recognise an AjaxError with status 400 or 503', async () => {
      for (const status of [400, 503]) {
        const error = await ajaxErrorFor(`/status/${status}`);
        expect(error).toBeInstanceOf(AjaxError);
        expect(isConflict(error)).withContext(`status ${status}`).toBeFalse();
      }
    });

    it('should judge an AjaxError carrying a Kubernetes Status by its reason', async () => {
      expect(isConflict(await ajaxErrorFor('/kubernetes/409/Conflict'))).toBeTrue();
      expect(isConflict(await ajaxErrorFor('/kubernetes/409/AlreadyExists'))).toBeFalse();
    });
  });

  describe('with fetch', () => {
    it('should recognise a thrown Response with status 409', async () => {
      const response = await fetch(`${server.url}/status/409`);
      await response.arrayBuffer();
      expect(isConflict(response)).toBeTrue();
    });

    it('should recognise a 409 Response from fromFetch', async () => {
      const response = await firstValueFrom(fromFetch(`${server.url}/status/409`));
      await response.arrayBuffer();
      expect(response).toBeInstanceOf(Response);
      expect(isConflict(response)).toBeTrue();
    });

    it('should recognise an Error whose cause is the 409 Response', async () => {
      const response = await fetch(`${server.url}/status/409`);
      await response.arrayBuffer();
      expect(isConflict(new Error('update failed', { cause: response }))).toBeTrue();
    });

    it('should recognise an error carrying the 409 Response as its response', async () => {
      const response = await fetch(`${server.url}/status/409`);
      await response.arrayBuffer();
      expect(isConflict(Object.assign(new Error('HTTP 409'), { response }))).toBeTrue();
    });

    it('should not recognise a successful Response or a 500 Response', async () => {
      for (const path of ['/status/200', '/status/500']) {
        const response = await fetch(`${server.url}${path}`);
        await response.arrayBuffer();
        expect(isConflict(response)).withContext(path).toBeFalse();
      }
    });

    it('should not recognise the TypeError fetch rejects with when the connection is refused', async () => {
      const error = await rejectionOf(fetch(await closedPortUrl()));
      expect(error).toBeInstanceOf(TypeError);
      expect(isConflict(error)).toBeFalse();
    });
  });

  describe('with axios', () => {
    it('should recognise an AxiosError whose response has status 409', async () => {
      const error = await rejectionOf(axios.get(`${server.url}/status/409`));
      expect(error).toBeInstanceOf(AxiosError);
      expect(isConflict(error)).toBeTrue();
    });

    it('should not recognise an AxiosError with status 422 or 500', async () => {
      for (const status of [422, 500]) {
        const error = await rejectionOf(axios.get(`${server.url}/status/${status}`));
        expect(error).toBeInstanceOf(AxiosError);
        expect(isConflict(error)).withContext(`status ${status}`).toBeFalse();
      }
    });

    it('should judge an AxiosError carrying a Kubernetes Status (response.data) by its reason', async () => {
      expect(isConflict(await rejectionOf(axios.get(`${server.url}/kubernetes/409/Conflict`)))).toBeTrue();
      const alreadyExists = await rejectionOf(axios.get(`${server.url}/kubernetes/409/AlreadyExists`));
      expect((alreadyExists as AxiosError).response?.status).toBe(409);
      expect(isConflict(alreadyExists)).toBeFalse();
    });
  });

  describe('with ky', () => {
    it('should recognise an HTTPError whose response has status 409', async () => {
      const error = await rejectionOf(ky.get(`${server.url}/status/409`, { retry: 0 }));
      expect(error).toBeInstanceOf(HTTPError);
      expect(isConflict(error)).toBeTrue();
    });

    it('should not recognise an HTTPError with status 500', async () => {
      const error = await rejectionOf(ky.get(`${server.url}/status/500`, { retry: 0 }));
      expect(error).toBeInstanceOf(HTTPError);
      expect(isConflict(error)).toBeFalse();
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
      await kubernetes.close();
    });

    it('should recognise the ApiException of an update with a stale resourceVersion (code 409, Conflict)', async () => {
      const stale = await core.readNamespacedConfigMap({ name: 'settings', namespace: 'default' });
      await core.replaceNamespacedConfigMap({ name: 'settings', namespace: 'default', body: stale });
      const error = await rejectionOf(
        core.replaceNamespacedConfigMap({ name: 'settings', namespace: 'default', body: stale }),
      );
      expect(error).toBeInstanceOf(ApiException);
      expect((error as ApiException<unknown>).code).toBe(409);
      expect(isConflict(error)).toBeTrue();
    });

    it('should not recognise the ApiException of a create whose name is taken (code 409, AlreadyExists)', async () => {
      const error = await rejectionOf(
        core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'settings' } } }),
      );
      expect(error).toBeInstanceOf(ApiException);
      expect((error as ApiException<unknown>).code).toBe(409);
      expect(isConflict(error)).toBeFalse();
    });

    it('should not recognise the ApiException of a read that finds nothing (code 404, NotFound)', async () => {
      const error = await rejectionOf(
        core.readNamespacedConfigMap({ name: 'missing', namespace: 'default' }),
      );
      expect(error).toBeInstanceOf(ApiException);
      expect((error as ApiException<unknown>).code).toBe(404);
      expect(isConflict(error)).toBeFalse();
    });

    it('should recognise an ApiException with code 409 whose body is no Status', async () => {
      const plainTextApi = new KubeConfig();
      plainTextApi.loadFromClusterAndUser(
        { name: 'text', server: `${server.url}/text/409`, skipTLSVerify: true },
        { name: 'test' },
      );
      const error = await rejectionOf(
        plainTextApi.makeApiClient(CoreV1Api).readNamespacedConfigMap({ name: 'any', namespace: 'default' }),
      );
      expect(error).toBeInstanceOf(ApiException);
      expect((error as ApiException<unknown>).body).toBe('plain text');
      expect(isConflict(error)).toBeTrue();
    });
  });
});

/** A URL on 127.0.0.1 where nothing listens: a port that was just bound, then released. */
async function closedPortUrl(): Promise<string> {
  const reply = await startReplyServer(() => ({ status: 200 }));
  const url = `${reply.url}/gone`;
  await reply.close();
  return url;
}
