import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { listenOnLoopback, stopServer } from './loopback-server.js';
import { createRequire } from 'node:module';

/**
 * A counter document as this server stores it: `_rev` names the revision a write must build on; a
 * `PUT` that carries another `_rev` is answered 409.
 *
 * @example
 * ```ts
 * const counter: CounterDocument = { _id: 'page-views', _rev: '3-a1b2', count: 41 };
 * ```
 */
export interface CounterDocument {
  readonly _id: string;
  readonly _rev: string;
  readonly count: number;
}

/**
 * What a {@link CouchServer} has been asked so far.
 *
 * @example
 * ```ts
 * const before = { ...couch.stats };
 * // ... run the writers ...
 * const conflicts = couch.stats.conflicts - before.conflicts;
 * ```
 */
export interface CouchServerStats {
  /** GET requests received, of any path. */
  gets: number;
  /** PUT requests received, of any path (creating a database is one too). */
  puts: number;
  /** Responses sent with status 409 Conflict: writes that carried a stale `_rev`. */
  conflicts: number;
}

/**
 * A running in-process CouchDB-compatible server; see {@link startCouchServer}.
 *
 * @example
 * ```ts
 * const couch = await startCouchServer();
 * try {
 *   // ... requests to couch.url ...
 * } finally {
 *   await couch.close();
 * }
 * ```
 */
export interface CouchServer {
  /** Where it listens, e.g. `http://127.0.0.1:5984`, without a trailing slash. */
  readonly url: string;
  /** Live request counts; read them before and after a run to see what the run did. */
  readonly stats: CouchServerStats;
  /** Stops listening, drops open connections and frees the in-memory databases. */
  close(): Promise<void>;
}

/**
 * Options for {@link startCouchServer}.
 *
 * @example
 * ```ts
 * const couch = await startCouchServer({ port: 0 });
 * ```
 */
export interface CouchServerOptions {
  /** TCP port on 127.0.0.1. Default: 0, a free port chosen by the system. */
  readonly port?: number;
}

/** The slice of PouchDB's constructor this server uses. */
interface PouchDatabaseClass {
  new (name: string): { destroy(): Promise<unknown> };
  plugin(plugin: unknown): PouchDatabaseClass;
  defaults(options: Record<string, unknown>): PouchDatabaseClass;
  on(event: 'created', listener: (name: string) => void): void;
}

type ExpressPouchDb = (pouchDb: PouchDatabaseClass, options: Record<string, unknown>) => RequestListener;

// PouchDB ships CommonJS without types; load it the CommonJS way and type only what is used.
const require = createRequire(import.meta.url);
const memoryAdapter = require('pouchdb-adapter-memory') as unknown;
const expressPouchDb = require('express-pouchdb') as ExpressPouchDb;

/**
 * A PouchDB class of this server's own. pouchdb-core announces every database it opens on one
 * emitter per loaded copy, and express-pouchdb lists (and refuses to re-create) databases from those
 * announcements: with a shared copy, one server's `PUT /counters` would answer 412 because another
 * server in the process made a `counters`.
 */
function loadOwnPouchDB(): PouchDatabaseClass {
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- Node's documented way to unload
  delete require.cache[require.resolve('pouchdb-core')];
  return (require('pouchdb-core') as PouchDatabaseClass).plugin(memoryAdapter);
}

let serversStarted = 0;

/**
 * Starts a CouchDB-compatible HTTP server (express-pouchdb over in-memory PouchDB) on 127.0.0.1.
 * It speaks CouchDB's document protocol: `PUT /db` creates a database, `GET /db/id` returns the
 * document with its `_rev`, and a `PUT /db/id` whose `_rev` is not the current one is refused with
 * a real `409 {"error":"conflict"}`: the optimistic-concurrency race that `retryOnConflict` is for.
 *
 * Each server has its own databases, even when several run in one process.
 *
 * @example
 * ```ts
 * const couch = await startCouchServer();
 * await fetch(`${couch.url}/counters`, { method: 'PUT' });
 * // ... run writers against `${couch.url}/counters/hits` ...
 * console.log(couch.stats); // { gets, puts, conflicts }
 * await couch.close();
 * ```
 */
export async function startCouchServer(options: CouchServerOptions = {}): Promise<CouchServer> {
  const { port = 0 } = options;
  // The memory adapter keeps one store per database name for the whole process: a prefix of its
  // own keeps this server's databases apart from every other server's.
  const prefix = `couch-server-${process.pid}-${++serversStarted}-`;
  const ServerPouchDB = loadOwnPouchDB().defaults({ adapter: 'memory', prefix });
  const databaseNames = new Set<string>();
  ServerPouchDB.on('created', (name) => databaseNames.add(name));
  const app = expressPouchDb(ServerPouchDB, { mode: 'minimumForPouchDB', inMemoryConfig: true });

  const stats: CouchServerStats = { gets: 0, puts: 0, conflicts: 0 };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.method === 'GET') stats.gets++;
    if (request.method === 'PUT') stats.puts++;
    response.on('finish', () => {
      if (response.statusCode === 409) stats.conflicts++;
    });
    app(request, response);
  });

  const url = await listenOnLoopback(server, port);

  let closing: Promise<void> | undefined;
  return {
    url,
    stats,
    close: () =>
      (closing ??= (async () => {
        await stopServer(server);
        await Promise.all(
          [...databaseNames].map((name) => new ServerPouchDB(name).destroy().catch(() => {})),
        );
      })()),
  };
}
