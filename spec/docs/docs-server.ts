import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback, stopServer } from '../../dev-support/servers/loopback-server.js';
import { CLOSE_SETTLE_MS, trackOpenRequests } from '../support/open-requests.js';

/**
 * The server the runnable examples of the docs talk to, on 127.0.0.1, so that an example's
 * `http.get`, `fetch` or `fromFetch` makes a real request:
 * - `/api/counters/NAME`, `/api/deployments/NAME`: JSON documents with a `rev`; a PUT whose `rev`
 *   is not the current one gets **409** `{"error":"conflict"}`, else it is stored with `rev + 1`.
 *   A document that does not exist yet reads as `{ count: 0, rev: 1 }`
 *   (`/api/deployments/…`: `{ spec: { replicas: 3 }, rev: 1 }`).
 *   `/api/counters/contended` has a rival writer: after each of its first two GETs the server
 *   writes the counter itself, so the PUT that follows conflicts, twice.
 * - `/api/report`: 200 `{"ok":true}`.
 * - `/api/slow-once`: the first request is answered after 1 s, later ones at once, 200 `{"ok":true}`.
 * - `/api/unavailable-once`: 503 to the first request, then 200 `{"ok":true}`.
 * - `/api/hangs`: never answered; the client must give up on it (cancel it).
 *
 * A request the client cancels ends here too: a pending answer is dropped with its timer.
 */
export interface DocsServer {
  readonly url: string;
  /** Requests received, by method and path: `GET /api/report`. */
  readonly requests: readonly string[];
  /**
   * Resolves, once every request received has ended, or after `timeoutMs`, to the requests still
   * open then (`GET /api/hangs`): none, if every example awaited or cancelled its requests.
   */
  settled(timeoutMs: number): Promise<string[]>;
  /**
   * Stops the server, once its requests have settled (up to {@link CLOSE_SETTLE_MS}); rejects,
   * naming them, if some were still open: a request the server had to cut off would fail in its
   * client.
   */
  close(): Promise<void>;
}

interface Stored {
  readonly rev: number;
  readonly [field: string]: unknown;
}

export async function startDocsServer(): Promise<DocsServer> {
  const documents = new Map<string, Stored>();
  const requests: string[] = [];
  const seen = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let rivalWrites = 0;

  const send = (response: ServerResponse, status: number, body: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const read = (path: string): Stored =>
    documents.get(path) ??
    (path.startsWith('/api/deployments/') ? { spec: { replicas: 3 }, rev: 1 } : { count: 0, rev: 1 });

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(`${request.method} ${path}`);
    const count = (seen.get(path) ?? 0) + 1;
    seen.set(path, count);
    if (path === '/api/report') {
      send(response, 200, { ok: true });
      return;
    }
    if (path === '/api/unavailable-once') {
      send(response, count === 1 ? 503 : 200, count === 1 ? { error: 'unavailable' } : { ok: true });
      return;
    }
    if (path === '/api/hangs') return;
    if (path === '/api/slow-once') {
      if (count > 1) {
        send(response, 200, { ok: true });
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        send(response, 200, { ok: true });
      }, 1000);
      timers.add(timer);
      // The client gave up (the recipe's `timeout`): no answer is due.
      response.once('close', () => {
        clearTimeout(timer);
        timers.delete(timer);
      });
      return;
    }
    if (!/^\/api\/(counters|deployments)\/[\w-]+$/.test(path)) {
      send(response, 404, { error: 'not_found' });
      return;
    }
    if (request.method === 'GET') {
      const document = read(path);
      send(response, 200, document);
      if (path === '/api/counters/contended' && rivalWrites < 2) {
        rivalWrites++;
        documents.set(path, { ...document, count: Number(document['count']) + 1, rev: document.rev + 1 });
      }
      return;
    }
    if (request.method !== 'PUT') {
      send(response, 405, { error: 'method_not_allowed' });
      return;
    }
    let text = '';
    for await (const chunk of request) text += String(chunk);
    const body = JSON.parse(text) as Stored;
    const current = read(path);
    if (body.rev !== current.rev) {
      send(response, 409, { error: 'conflict' });
      return;
    }
    const stored = { ...body, rev: current.rev + 1 };
    documents.set(path, stored);
    send(response, 200, stored);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, 500, { error: String(error) }));
  });
  const { settled } = trackOpenRequests(server);

  const url = await listenOnLoopback(server);
  return {
    url,
    requests,
    settled,
    close: async () => {
      const left = await settled(CLOSE_SETTLE_MS);
      for (const timer of timers) clearTimeout(timer);
      await stopServer(server);
      if (left.length > 0)
        throw new Error(`requests still open when the docs server closed: ${left.join(', ')}`);
    },
  };
}
