import { EventEmitter, once } from 'node:events';
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

let serversStarted = 0;

/** What CouchDB's database registry (express-pouchdb's `allDbs`) listens to on the PouchDB class. */
const CLASS_EVENT_METHODS = [
  'on',
  'once',
  'addListener',
  'removeListener',
  'off',
  'emit',
  'removeAllListeners',
  'listeners',
  'listenerCount',
] as const;

/**
 * A PouchDB class whose databases and database events belong to one server. PouchDB keeps both
 * process-wide: the memory adapter stores databases by name, and every class shares one event
 * emitter, so the database registry of one server would hear of another's databases (and answer
 * `PUT /db` with 412). A storage prefix and an emitter of its own keep each server apart.
 */
function serverOwnPouchDB(serverNumber: number): typeof PouchDB {
  const Base = PouchDB.plugin(memoryAdapter).defaults({
    adapter: 'memory',
    prefix: `couch-server-${serverNumber}/`,
  });
  const events = new EventEmitter();
  class ServerPouchDB extends Base {
    constructor(name?: string, options?: Record<string, unknown>) {
      super(name, options);
      // PouchDB announces a new database on the shared emitter; this server's registry hears it here.
      this.once('created', () => events.emit('created', this.name));
    }
  }
  for (const method of CLASS_EVENT_METHODS) {
    Object.defineProperty(ServerPouchDB, method, {
      value: events[method].bind(events),
      writable: true,
      configurable: true,
    });
  }
  return ServerPouchDB;
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
  const MemoryPouchDB = serverOwnPouchDB(++serversStarted);
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
