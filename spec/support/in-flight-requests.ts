import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';

/**
 * Loaded by every run (spec/support/jasmine.json, jasmine.unit.json): a spec that ends with an HTTP
 * request still in flight fails, naming the request. Otherwise the request goes on after the spec,
 * and when its server closes it fails inside whichever spec runs then (a bystander: an RxJS report
 * of "fetch failed" delivered to a subscriber that had long left).
 *
 * It watches the requests a spec starts, from its `beforeEach` hooks to its `afterEach` hooks:
 * `fetch` (so also Angular's fetch backend, `fromFetch`, ky), and `node:http` requests (axios, the
 * XMLHttpRequest of RxJS `ajax` in Node, the Kubernetes client), which Node announces on the
 * `http.client.request.start` diagnostics channel. When the spec ends, after a few turns of the event
 * loop (a request whose answer the spec awaited has settled by then), a request still open fails
 * the spec unless it was cancelled (its signal aborted, its `node:http` request destroyed) and
 * settles within {@link SETTLE_MS}. One that fails the spec is cancelled, so that it cannot fail
 * another. Whether a request is left is read from its state, not from how long it takes, so a slow
 * machine makes no difference. Requests started outside a spec, in `beforeAll` or `afterAll`, are
 * not watched.
 */

/** How long a cancelled request has to settle: far above the turn of the event loop it takes. */
const SETTLE_MS = 1000;

/** Turns of the event loop a request whose answer a spec awaited may take to count as settled. */
const TURNS = 3;

interface Watched {
  readonly what: string;
  readonly settled: Promise<void>;
  /** Whether the code that started it has cancelled it. */
  cancelled(): boolean;
  cancel(): void;
}

const inFlight = new Set<Watched>();
// Taken before spec/support/virtual-time-only.ts wraps it: waiting for requests to settle is not a
// spec using real time.
const realSetTimeout = globalThis.setTimeout;
let specRunning = false;

jasmine.getEnv().addReporter({
  specStarted: () => {
    specRunning = true;
  },
  specDone: () => {
    specRunning = false;
  },
});

function watch(what: string, settled: Promise<unknown>, cancelled: () => boolean, cancel: () => void): void {
  if (!specRunning) return;
  const request: Watched = {
    what,
    cancelled,
    cancel,
    settled: settled.then(
      () => undefined,
      () => undefined,
    ),
  };
  inFlight.add(request);
  void request.settled.then(() => inFlight.delete(request));
}

const realFetch = globalThis.fetch;
globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
  if (!specRunning) return realFetch(input, init);
  const own = new AbortController();
  const given = [init?.signal, input instanceof Request ? input.signal : undefined].filter(
    (signal): signal is AbortSignal => signal instanceof AbortSignal,
  );
  const signal = AbortSignal.any([...given, own.signal]);
  const response = realFetch(input, { ...init, signal });
  const url = input instanceof Request ? input.url : String(input);
  const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
  watch(
    `fetch ${method} ${url}`,
    response,
    () => given.some((callers) => callers.aborted),
    () => own.abort(new Error('left in flight by the spec')),
  );
  return response;
};

subscribe('http.client.request.start', (message) => {
  const { request } = message as { request: ClientRequest };
  watch(
    `node:http ${request.method} ${request.protocol}//${request.host}${request.path}`,
    new Promise((resolve) => request.once('close', resolve)),
    () => request.destroyed,
    () => request.destroy(new Error('left in flight by the spec')),
  );
});

/** Waits until every request in `requests` has settled, or `ms` have passed. */
async function settle(requests: readonly Watched[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<void>((resolve) => (timer = realSetTimeout(resolve, ms)));
  await Promise.race([Promise.all(requests.map((request) => request.settled)), timeUp]);
  clearTimeout(timer);
}

// Registered by a helper, outside every describe: it runs after each spec's own afterEach hooks.
afterEach(async () => {
  if (inFlight.size === 0) return;
  for (let turn = 0; turn < TURNS && inFlight.size > 0; turn++) await new Promise(setImmediate);
  const cancelled = [...inFlight].filter((request) => request.cancelled());
  await settle(cancelled, SETTLE_MS);
  const left = [...inFlight];
  for (const request of left) request.cancel();
  await settle(left, SETTLE_MS);
  // A cancelled request fails whatever still waits for it: let RxJS report that now, in this spec.
  await new Promise((resolve) => realSetTimeout(resolve, 0));
  expect(left.map(({ what }) => what))
    .withContext(
      'requests this spec started and left in flight (cancel them on unsubscribe, or await them; ' +
        'they have now been cancelled)',
    )
    .toEqual([]);
});
