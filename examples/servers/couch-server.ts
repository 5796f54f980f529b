import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import memoryAdapter from 'pouchdb-adapter-memory';

/** What the server has answered so far. */
export interface CouchServerStats {
  /** GET requests received. */
  gets: number;
  /** PUT requests received (database creation included). */
  puts: number;
  /** Responses with status 409 Conflict: a write carried a stale `_rev`. */
  conflicts: number;
}

/** A running in-process CouchDB-compatible server. */
export interface CouchServer {
  /** Base URL, `http://127.0.0.1:PORT`, without a trailing slash. */
  readonly url: string;
  /** Live counters of requests and conflicts. */
  readonly stats: CouchServerStats;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/**
 * Starts a CouchDB-compatible HTTP server (express-pouchdb over an in-memory PouchDB) on 127.0.0.1.
 * It speaks CouchDB's optimistic concurrency: a document PUT must carry the current `_rev`, or the
 * answer is `409 {"error":"conflict"}`. Create a database with `PUT /name` before using it.
 *
 * @param options - `port`: the port to listen on; default 0, any free port.
 *
 * @example
 * ```ts
 * const server = await startCouchServer();
 * await fetch(`${server.url}/counters`, { method: 'PUT' });
 * // ... GET and PUT documents under `${server.url}/counters/...`
 * await server.close();
 * ```
 */
export async function startCouchServer(options: { port?: number } = {}): Promise<CouchServer> {
  // Each server gets its own PouchDB class, so two servers in one process never share databases.
  const MemoryPouchDB = PouchDB.plugin(memoryAdapter).defaults({ adapter: 'memory' });
  // The minimal mode leaves out the config and log files that the full CouchDB mode writes to disk.
  const app = expressPouchDB(MemoryPouchDB, { mode: 'minimumForPouchDB' });
  const stats: CouchServerStats = { gets: 0, puts: 0, conflicts: 0 };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.method === 'GET') stats.gets++;
    if (request.method === 'PUT') stats.puts++;
    response.on('finish', () => {
      if (response.statusCode === 409) stats.conflicts++;
    });
    app(request, response);
  });
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
