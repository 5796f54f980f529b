import { startCouchServer, type CouchServer } from '../../../dev-support/servers/couch-server.js';
import { REAL_IO_SPEC_TIMEOUT_MS, suiteTimeout } from '../../support/time-limits.js';

async function send(server: CouchServer, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('startCouchServer', () => {
  suiteTimeout(REAL_IO_SPEC_TIMEOUT_MS);

  const servers: CouchServer[] = [];
  const start = async (): Promise<CouchServer> => {
    const server = await startCouchServer();
    servers.push(server);
    return server;
  };

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('should listen on 127.0.0.1 at a free port, with no trailing slash in its url', async () => {
    const server = await start();

    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await send(server, 'GET', '/')).status).toBe(200);
  });

  it("should answer a PUT with a stale _rev with CouchDB's 409 conflict, and count it", async () => {
    const server = await start();
    await send(server, 'PUT', '/lab');
    const created = await send(server, 'PUT', '/lab/counter', { count: 0 });
    const rev = created.body['rev'];
    const first = await send(server, 'PUT', '/lab/counter', { _rev: rev, count: 1 });
    const stale = await send(server, 'PUT', '/lab/counter', { _rev: rev, count: 1 });
    const current = await send(server, 'GET', '/lab/counter');

    expect(first.status).toBe(201);
    expect(stale).toEqual({ status: 409, body: { error: 'conflict', reason: 'Document update conflict' } });
    expect(current.body['count']).toBe(1);
    expect(server.stats).toEqual({ gets: 1, puts: 4, conflicts: 1 });
  });

  it('should give each server its own databases, even under the same name', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    await send(a, 'PUT', '/lab');
    await send(a, 'PUT', '/lab/counter', { count: 7 });

    expect((await send(b, 'PUT', '/lab')).status).toBe(201);
    expect((await send(b, 'GET', '/lab/counter')).status).toBe(404);
    expect((await send(a, 'PUT', '/lab')).status).toBe(412);
  });

  it('should stop listening once closed', async () => {
    const server = await startCouchServer();
    await server.close();

    await expectAsync(fetch(`${server.url}/`)).toBeRejectedWithError(TypeError);
  });
});
