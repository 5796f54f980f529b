import { startConfigMapServer, type ConfigMapServer } from '../../../dev-support/servers/configmap-server.js';
import { closeAndExpectStopped } from '../../support/loopback.js';
import { REAL_IO_SPEC_TIMEOUT_MS, suiteTimeout } from '../../support/time-limits.js';

const CONFIGMAPS = '/api/v1/namespaces/default/configmaps';

describe('startConfigMapServer, refusing requests as an overloaded API server', () => {
  suiteTimeout(REAL_IO_SPEC_TIMEOUT_MS);

  let server: ConfigMapServer;

  beforeEach(async () => {
    server = await startConfigMapServer();
    const created = await fetch(`${server.url}${CONFIGMAPS}`, {
      method: 'POST',
      body: JSON.stringify({ metadata: { name: 'settings' }, data: {} }),
    });
    expect(created.status).toBe(201);
    await created.arrayBuffer();
  });

  afterEach(async () => {
    await closeAndExpectStopped(server);
  });

  const get = () => fetch(`${server.url}${CONFIGMAPS}/settings`);

  it("should answer 429 as priority and fairness does: plain text, Retry-After and the flow schema's UID", async () => {
    server.refuseNext({ requests: 1, retryAfterSeconds: 2 });

    const response = await get();

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.headers.get('x-kubernetes-pf-flowschema-uid')).toBeTruthy();
    expect(response.headers.get('x-kubernetes-pf-prioritylevel-uid')).toBeTruthy();
    expect(await response.text()).toBe('Too many requests, please try again later.\n');
  });

  it('should answer 429 with a TooManyRequests Status whose details carry the seconds, and the same header', async () => {
    server.refuseNext({ requests: 1, retryAfterSeconds: 3, body: 'status' });

    const response = await get();

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(await response.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Too many requests, please try again later.',
      reason: 'TooManyRequests',
      details: { retryAfterSeconds: 3 },
      code: 429,
    });
  });

  it('should leave the Retry-After header out when told to', async () => {
    server.refuseNext({ requests: 1, body: 'status', retryAfterHeader: false });

    const response = await get();

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBeNull();
    expect(((await response.json()) as { details: unknown }).details).toEqual({ retryAfterSeconds: 1 });
  });

  it('should refuse exactly the number of requests asked, whatever they are, then serve again', async () => {
    server.refuseNext({ requests: 2 });
    const before = { ...server.stats };

    const first = await get();
    const second = await fetch(`${server.url}${CONFIGMAPS}/settings`, { method: 'PUT', body: '{}' });
    const third = await get();

    expect([first.status, second.status, third.status]).toEqual([429, 429, 200]);
    await Promise.all([first, second, third].map((response) => response.arrayBuffer()));
    expect(server.stats.tooManyRequests - before.tooManyRequests).toBe(2);
    // A refused request is not served: only the third GET counts as one.
    expect(server.stats.gets - before.gets).toBe(1);
    expect(server.stats.puts - before.puts).toBe(0);
  });
});
