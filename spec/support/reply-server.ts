import { createServer } from 'node:http';
import { listenOnLoopback, stopServer } from '../../dev-support/servers/loopback-server.js';
import { CLOSE_SETTLE_MS, trackOpenRequests } from './open-requests.js';

/** What the server answers to one request. A `body` other than a string is sent as JSON. */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  /** Headers sent besides the content type and length, e.g. `{ 'retry-after': '1' }`. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A loopback HTTP server that answers as its `reply` function says; see {@link startReplyServer}. */
export interface ReplyServer {
  /** e.g. `http://127.0.0.1:41234`, no trailing slash. */
  readonly url: string;
  /** How many requests a path (without query) has received. */
  requestsTo(path: string): number;
  /**
   * Stops the server, once its requests have ended (up to {@link CLOSE_SETTLE_MS}); rejects, naming
   * them, if some were still open.
   */
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1 (free port) whose answers a test scripts: `reply` gets the path
 * and how many times that path was asked before (0 for the first request). It answers CORS
 * preflights too, so browser-style clients can call it.
 */
export async function startReplyServer(
  reply: (path: string, previousRequests: number) => Reply,
): Promise<ReplyServer> {
  const requestCounts = new Map<string, number>();
  const server = createServer((request, response) => {
    request.resume();
    request.once('end', () => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const previous = requestCounts.get(path) ?? 0;
      requestCounts.set(path, previous + 1);
      const { status, body, headers = {} } = reply(path, previous);
      const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
      response.writeHead(status, {
        ...headers,
        'content-type': typeof body === 'string' ? 'text/plain' : 'application/json',
        'content-length': Buffer.byteLength(text),
        'access-control-allow-origin': '*',
      });
      response.end(text);
    });
  });
  const { settled } = trackOpenRequests(server);
  const url = await listenOnLoopback(server);
  return {
    url,
    requestsTo: (path) => requestCounts.get(path) ?? 0,
    close: async () => {
      const left = await settled(CLOSE_SETTLE_MS);
      await stopServer(server);
      if (left.length > 0) throw new Error(`requests still open when the server closed: ${left.join(', ')}`);
    },
  };
}
