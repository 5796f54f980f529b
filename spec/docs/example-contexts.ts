import type { ExampleContext } from './typescript-examples.js';

/**
 * Angular's `HttpClient.get`/`put`, as far as the examples use them, over `fetch` to the docs
 * server (spec/docs/docs-server.ts): cold, one request per subscription, cancelled on unsubscribe
 * (as Angular aborts its request); a non-2xx answer is an error carrying its `status`, as
 * `HttpErrorResponse` is. The body is read before anything is delivered, so that a request has
 * ended when its value or error arrives.
 *
 * Every request the preamble makes (through `http`, or a context's own `fetch`) is noted, and
 * {@link SETTLE} awaits them after the block: an example may leave a request running, as
 * `report$.subscribe(render)` does, but the spec does not end before it has.
 */
const HTTP = `import * as __rxjs from 'rxjs';
const docsServer: string = (globalThis as { docsServerUrl?: string }).docsServerUrl ?? 'http://127.0.0.1:9';
const __inFlight = new Set<Promise<unknown>>();
function __note<T>(request: Promise<T>): Promise<T> {
  __inFlight.add(request);
  const done = (): void => void __inFlight.delete(request);
  request.then(done, done);
  return request;
}
async function __settled(): Promise<void> {
  while (__inFlight.size > 0) await Promise.allSettled([...__inFlight]);
}
async function __fetchRead(path: string, init?: RequestInit): Promise<Response> {
  const response = await globalThis.fetch(docsServer + path, init);
  return new Response(await response.arrayBuffer(), response);
}
function __request<T>(path: string, init?: RequestInit): __rxjs.Observable<T> {
  return new __rxjs.Observable<T>((subscriber) => {
    const controller = new AbortController();
    __note(__fetchRead(path, { ...init, headers: { 'content-type': 'application/json' }, signal: controller.signal })).then(
      async (response) => {
        if (!response.ok) throw response;
        subscriber.next((await response.json()) as T);
        subscriber.complete();
      },
    ).catch((error: unknown) => {
      if (!controller.signal.aborted) subscriber.error(error);
    });
    return () => controller.abort();
  });
}
const http = {
  get: <T>(path: string) => __request<T>(path),
  put: <T>(path: string, body: unknown) => __request<T>(path, { method: 'PUT', body: JSON.stringify(body) }),
};
interface Counter { readonly count: number; readonly rev: number }`;

/**
 * Angular's packages come partially compiled: the CLI links them when it builds an app; in Node
 * their JIT compiler must be loaded first, before the first of them (the preamble's imports come
 * before the block's). spec/support/angular-environment.ts does the same for the specs.
 */
/** After each block of a context with {@link HTTP}: waits for the requests the block left running. */
const SETTLE = 'await __settled();';

const ANGULAR_JIT = `import '@angular/compiler';`;

/**
 * What the examples of each file take as given, by file. A preamble holds real values, so that the
 * blocks run; `compileOnly` says why a file's blocks are compiled but not run. A single block of a
 * page is marked with `<!-- example: compile only: why -->` on the line before its fence.
 */
export const EXAMPLE_CONTEXTS: Readonly<Record<string, ExampleContext>> = {
  'README.md': { preamble: HTTP, epilogue: SETTLE },
  'docs/recipes.md': {
    preamble: `${HTTP}
const baseUrl = docsServer;`,
    epilogue: SETTLE,
  },
  'docs/demo.md': {
    preamble: `${HTTP}
type CounterDoc = Counter;
const docUrl = '/api/counters/demo-md';
const getJson = <T>(path: string): Promise<T> => __rxjs.firstValueFrom(http.get<T>(path));
const putJson = (path: string, body: unknown): Promise<unknown> => __rxjs.firstValueFrom(http.put(path, body));
const backoff = { steps: 25, duration: 5, factor: 1.3, jitter: 1 };`,
    epilogue: SETTLE,
  },
  'docs/go-to-rxjs.md': {
    preamble: `${HTTP}
interface Deployment { readonly spec: { readonly replicas: number }; readonly rev: number }
const id = 'go-to-rxjs';
const api = {
  get: (id: string) => http.get<Counter>(\`/api/counters/\${id}\`),
  put: (id: string, counter: Counter) => http.put<Counter>(\`/api/counters/\${id}\`, counter),
  readDeployment: (name: string) => http.get<Deployment>(\`/api/deployments/\${name}\`),
  replaceDeployment: (name: string, deployment: Deployment) => http.put<Deployment>(\`/api/deployments/\${name}\`, deployment),
};
const update$ = api.get(id);`,
    epilogue: SETTLE,
  },
  'docs/kubernetes.md': {
    compileOnly:
      'it needs a Kubernetes API; spec/e2e/kubernetes-configmap.spec.ts runs the same function against a Kubernetes-style server',
    preamble: `import type { CoreV1Api } from '@kubernetes/client-node';
declare const core: CoreV1Api;
declare const name: string;
declare function handle(error: unknown): void;`,
  },
  'docs/angular.md': {
    preamble: `${ANGULAR_JIT}
import type { HttpClient } from '@angular/common/http';
interface CounterDocument { readonly _id: string; readonly _rev: string; readonly count: number }`,
  },
  'src/angular/inject-retry-on-conflict.ts': { preamble: ANGULAR_JIT },
  'src/angular/provide-retry-on-conflict.ts': { preamble: ANGULAR_JIT },
  'src/angular/provide-retry-on-conflict-testing.ts': {
    // The CounterService of injectRetryOnConflict's example, and TestBed set up as `ng test` sets it up, minus the DOM.
    preamble: `${ANGULAR_JIT}
import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, switchMap } from 'rxjs';
import { injectRetryOnConflict } from 'rxjs-retry-on-conflict/angular';
import { initTestBedInNode, resetTestBedInNode } from '../../support/angular-test-bed.js';
initTestBedInNode();
@Injectable({ providedIn: 'root' })
class CounterService {
  private readonly http = inject(HttpClient);
  private readonly retryOnConflict = injectRetryOnConflict<number>();
  increment(url: string) {
    return this.http.get<{ _rev: string; count: number }>(url).pipe(
      switchMap((doc) => this.http.put(url, { ...doc, count: doc.count + 1 }).pipe(map(() => doc.count + 1))),
      this.retryOnConflict,
    );
  }
}`,
    epilogue: 'resetTestBedInNode();',
  },
  'src/index.ts': { preamble: HTTP, epilogue: SETTLE },
  'src/backoff/backoff.ts': {
    preamble: `import * as __rxjs from 'rxjs';
const update$ = __rxjs.of({ count: 42 });
const save$ = __rxjs.of('saved');
const request$ = __rxjs.of('report');`,
  },
  'src/operators/on-error.ts': {
    preamble: `${HTTP}
const update$ = __rxjs.of({ count: 42 });
const fetch = (path: string, init?: RequestInit): Promise<Response> => __note(__fetchRead(path, init));
const render = (_value: unknown): void => undefined;`,
    epilogue: SETTLE,
  },
  'src/operators/retry-when-server-asks.ts': {
    preamble: `${HTTP}
const url = '/api/counters/retry-when-server-asks-tsdoc';`,
  },
  'src/operators/retry-on-conflict.ts': {
    preamble: `${HTTP}
const url = '/api/counters/retry-on-conflict-tsdoc';`,
    epilogue: SETTLE,
  },
};

/**
 * Examples known to be wrong, each with where it is being put right. The spec checks that each
 * still fails (remove the entry once it is fixed) and that each still names a block.
 */
export const KNOWN_WRONG: readonly {
  readonly file: string;
  readonly contains: string;
  readonly why: string;
}[] = [];
