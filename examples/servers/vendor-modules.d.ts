// The CouchDB server parts ship no types; these are the few members the example servers use.

declare module 'pouchdb-core' {
  interface PouchDBDatabase {
    readonly name: string;
    once(event: 'created', listener: () => void): unknown;
  }
  interface PouchDBConstructor {
    new (name?: string, options?: Record<string, unknown>): PouchDBDatabase;
    plugin(plugin: unknown): PouchDBConstructor;
    defaults(options: Record<string, unknown>): PouchDBConstructor;
  }
  const PouchDB: PouchDBConstructor;
  export default PouchDB;
}

declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}

declare module 'express-pouchdb' {
  import type { RequestListener } from 'node:http';
  function expressPouchDB(
    PouchDB: unknown,
    options?: { mode?: 'minimumForPouchDB' | 'fullCouchDB' },
  ): RequestListener;
  export default expressPouchDB;
}
