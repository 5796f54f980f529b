import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { listenOnLoopback, stopServer } from '../../../dev-support/servers/loopback-server.js';

/** Requests one test counter of {@link startAppServer} has received. */
export interface TestCounterRequests {
  gets: number;
  puts: number;
}

/**
 * The built app and its backend on one origin, as a deployment would put them; see
 * {@link startAppServer}.
 *
 * @example
 * ```ts
 * const app = await startAppServer({ appFolder: 'dist/angular-app/browser', couchUrl: couch.url });
 * console.log(app.url, app.testCounters['conflict-forever']);
 * await app.close();
 * ```
 */
export interface AppServer {
  /** e.g. `http://127.0.0.1:40123`, without a trailing slash. */
  readonly url: string;
  /** What `/test/conflict-forever` (every PUT 409) and `/test/server-error` (every PUT 500) were asked. */
  readonly testCounters: Readonly<Record<'conflict-forever' | 'server-error', TestCounterRequests>>;
  close(): Promise<void>;
}

/**
 * Options for {@link startAppServer}.
 *
 * @example
 * ```ts
 * const options: AppServerOptions = { appFolder: 'dist/angular-app/browser', couchUrl: 'http://127.0.0.1:5984' };
 * ```
 */
export interface AppServerOptions {
  /** The production build's browser folder (with index.html). */
  readonly appFolder: string;
  /** The CouchDB-protocol server that `/couch/...` is passed to. */
  readonly couchUrl: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

/** Answers a test counter: GET gives a document, PUT always fails with `putStatus`. */
function answerTestCounter(
  request: IncomingMessage,
  response: ServerResponse,
  counted: TestCounterRequests,
  putStatus: number,
) {
  request.resume();
  const isPut = request.method === 'PUT';
  if (isPut) counted.puts++;
  else counted.gets++;
  const body = isPut
    ? { error: putStatus === 409 ? 'conflict' : 'internal' }
    : { _id: 'test', _rev: '1-test', count: 0 };
  response.writeHead(isPut ? putStatus : 200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Passes a request on to the CouchDB-protocol server, path without its `/couch` prefix. */
function proxyToCouch(request: IncomingMessage, response: ServerResponse, couchUrl: string): void {
  const target = new URL((request.url ?? '/couch').slice('/couch'.length) || '/', couchUrl);
  const upstream = httpRequest(target, { method: request.method, headers: request.headers }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });
  upstream.on('error', () => {
    response.writeHead(502);
    response.end();
  });
  request.pipe(upstream);
}

/** Sends a file of the build; any path that is not one gets index.html, as a single-page app needs. */
function serveApp(request: IncomingMessage, response: ServerResponse, appFolder: string): void {
  const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://app').pathname)).replace(
    /^(\.\.[/\\])+/,
    '',
  );
  const candidate = join(appFolder, path);
  const file =
    existsSync(candidate) && statSync(candidate).isFile() ? candidate : join(appFolder, 'index.html');
  response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(response);
}

/**
 * Serves the production build on 127.0.0.1 (free port), passes `/couch/...` to the CouchDB-protocol
 * server, and answers two test counters whose PUTs always fail: one with 409, one with 500.
 *
 * @example
 * ```ts
 * const app = await startAppServer({ appFolder: 'dist/angular-app/browser', couchUrl: couch.url });
 * await app.close();
 * ```
 */
export async function startAppServer({ appFolder, couchUrl }: AppServerOptions): Promise<AppServer> {
  const testCounters = { 'conflict-forever': { gets: 0, puts: 0 }, 'server-error': { gets: 0, puts: 0 } };
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    if (path.startsWith('/couch/')) proxyToCouch(request, response, couchUrl);
    else if (path === '/test/conflict-forever')
      answerTestCounter(request, response, testCounters['conflict-forever'], 409);
    else if (path === '/test/server-error')
      answerTestCounter(request, response, testCounters['server-error'], 500);
    else serveApp(request, response, appFolder);
  });
  const url = await listenOnLoopback(server);
  return { url, testCounters, close: () => stopServer(server) };
}
