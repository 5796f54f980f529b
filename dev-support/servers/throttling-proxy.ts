import { Agent, createServer, request as forward } from 'node:http';
import { performance } from 'node:perf_hooks';
import { listenOnLoopback, stopServer } from './loopback-server.js';

/**
 * What a {@link ThrottlingProxy} has done so far.
 *
 * @example
 * ```ts
 * const { admitted, refused } = proxy.stats;
 * ```
 */
export interface ThrottlingProxyStats {
  /** Requests passed on to the target. */
  admitted: number;
  /** Requests answered 429 Too Many Requests. */
  refused: number;
}

/**
 * A running rate limiter in front of another server; see {@link startThrottlingProxy}.
 *
 * @example
 * ```ts
 * const proxy = await startThrottlingProxy({ target: couch.url, admitPerSecond: 50 });
 * try {
 *   // ... requests to proxy.url ...
 * } finally {
 *   await proxy.close();
 * }
 * ```
 */
export interface ThrottlingProxy {
  /** Where it listens, e.g. `http://127.0.0.1:5985`, without a trailing slash. */
  readonly url: string;
  /** Live counts. */
  readonly stats: ThrottlingProxyStats;
  /** Stops listening and drops open connections, its own and those to the target. */
  close(): Promise<void>;
}

/**
 * Options for {@link startThrottlingProxy}.
 *
 * @example
 * ```ts
 * const options: ThrottlingProxyOptions = { target: 'http://127.0.0.1:5984', admitPerSecond: 50 };
 * ```
 */
export interface ThrottlingProxyOptions {
  /** The server that admitted requests go to, e.g. `http://127.0.0.1:5984` (a path is ignored). */
  readonly target: string;
  /** How many requests each second admits, counted in whole seconds from the start. An integer >= 1. */
  readonly admitPerSecond: number;
}

/** The body of a refusal, as API gateways and kube-apiserver word it. */
const REFUSAL = 'Too many requests, please try again later.\n';

/**
 * Starts an HTTP server on 127.0.0.1 that admits `admitPerSecond` requests in each second (fixed
 * windows of 1000 ms from its start), passing them on to `target` as they are, and answers the rest
 * **429 Too Many Requests** with `Retry-After` set to the seconds until the next window begins,
 * rounded up (so `1`), as a rate limiter in front of an API does.
 *
 * @example
 * ```ts
 * const couch = await startCouchServer();
 * const proxy = await startThrottlingProxy({ target: couch.url, admitPerSecond: 50 });
 * await fetch(`${proxy.url}/lab/counter`); // passed on while this second has room, else a 429
 * await proxy.close();
 * await couch.close();
 * ```
 */
export async function startThrottlingProxy(options: ThrottlingProxyOptions): Promise<ThrottlingProxy> {
  const { target, admitPerSecond } = options;
  if (!(Number.isInteger(admitPerSecond) && admitPerSecond >= 1))
    throw new RangeError(
      `ThrottlingProxyOptions.admitPerSecond must be an integer >= 1, got ${admitPerSecond}`,
    );
  const targetUrl = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const stats: ThrottlingProxyStats = { admitted: 0, refused: 0 };
  const start = performance.now();
  let window = 0;
  let admittedInWindow = 0;

  const server = createServer((request, response) => {
    const now = performance.now() - start;
    const current = Math.floor(now / 1000);
    if (current !== window) {
      window = current;
      admittedInWindow = 0;
    }
    if (admittedInWindow >= admitPerSecond) {
      stats.refused++;
      request.resume();
      response.writeHead(429, {
        'retry-after': String(Math.max(1, Math.ceil(((current + 1) * 1000 - now) / 1000))),
        'content-type': 'text/plain; charset=utf-8',
        'content-length': Buffer.byteLength(REFUSAL),
      });
      response.end(REFUSAL);
      return;
    }
    admittedInWindow++;
    stats.admitted++;
    const upstream = forward(
      {
        agent,
        host: targetUrl.hostname,
        port: targetUrl.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, host: targetUrl.host },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.once('error', () => response.destroy());
    request.pipe(upstream);
  });

  const url = await listenOnLoopback(server);
  let closing: Promise<void> | undefined;
  return {
    url,
    stats,
    close: () =>
      (closing ??= stopServer(server).finally(() => {
        agent.destroy();
      })),
  };
}
