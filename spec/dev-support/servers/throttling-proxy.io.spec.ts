import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { listenOnLoopback, stopServer } from '../../../dev-support/servers/loopback-server.js';
import { startThrottlingProxy, type ThrottlingProxy } from '../../../dev-support/servers/throttling-proxy.js';
import { closeAndExpectStopped } from '../../support/loopback.js';
import { REAL_IO_SPEC_TIMEOUT_MS, suiteTimeout } from '../../support/time-limits.js';

/** A target that echoes the method, path and body it was sent, with status 201 and a header of its own. */
async function startEchoServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = JSON.stringify({
        method: request.method,
        path: request.url,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(201, { 'content-type': 'application/json', 'x-echo': 'yes' });
      response.end(text);
    });
  });
  const url = await listenOnLoopback(server);
  return { url, close: () => stopServer(server) };
}

describe('startThrottlingProxy', () => {
  suiteTimeout(REAL_IO_SPEC_TIMEOUT_MS);

  let target: { url: string; close(): Promise<void> };
  const proxies: ThrottlingProxy[] = [];

  beforeAll(async () => {
    target = await startEchoServer();
  });

  afterEach(async () => {
    await Promise.all(proxies.splice(0).map((proxy) => closeAndExpectStopped(proxy)));
  });

  afterAll(async () => {
    await target.close();
  });

  const start = async (admitPerSecond: number): Promise<ThrottlingProxy> => {
    const proxy = await startThrottlingProxy({ target: target.url, admitPerSecond });
    proxies.push(proxy);
    return proxy;
  };

  it('should listen on 127.0.0.1 and pass an admitted request on as it is, answer and all', async () => {
    const proxy = await start(5);
    expect(proxy.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const response = await fetch(`${proxy.url}/lab/counter?x=1`, { method: 'PUT', body: '{"count":1}' });

    expect(response.status).toBe(201);
    expect(response.headers.get('x-echo')).toBe('yes');
    expect(await response.json()).toEqual({ method: 'PUT', path: '/lab/counter?x=1', body: '{"count":1}' });
    expect(proxy.stats).toEqual({ admitted: 1, refused: 0 });
  });

  it('should answer the requests past the second\'s allowance 429 with "Retry-After: 1"', async () => {
    const proxy = await start(3);
    const began = performance.now();

    const responses = await Promise.all(Array.from({ length: 8 }, () => fetch(`${proxy.url}/x`)));
    const within = performance.now() - began;
    await Promise.all(responses.map((response) => response.arrayBuffer()));

    // Eight requests in one window: three admitted, five refused. Should the window have turned
    // during the burst (a slow machine), more are admitted; never fewer.
    const refused = responses.filter((response) => response.status === 429);
    if (within < 900) expect(refused.length).toBe(5);
    expect(refused.length).toBeLessThanOrEqual(5);
    expect(proxy.stats.refused).toBe(refused.length);
    expect(proxy.stats.admitted).toBe(8 - refused.length);
    for (const response of refused) {
      expect(response.headers.get('retry-after')).toBe('1');
      expect(response.headers.get('content-type')).toContain('text/plain');
    }
  });

  it('should admit again once the next second begins', async () => {
    const proxy = await start(1);
    await (await fetch(`${proxy.url}/x`)).arrayBuffer();
    const refused = await fetch(`${proxy.url}/x`);
    await refused.arrayBuffer();
    expect(refused.status).toBe(429);

    await new Promise((resolve) => setTimeout(resolve, 1000 * Number(refused.headers.get('retry-after'))));
    const admitted = await fetch(`${proxy.url}/x`);
    await admitted.arrayBuffer();

    expect(admitted.status).toBe(201);
  });

  it('should refuse an allowance that is not an integer >= 1, naming the field and the value', async () => {
    for (const admitPerSecond of [0, 1.5, NaN]) {
      await expectAsync(startThrottlingProxy({ target: target.url, admitPerSecond })).toBeRejectedWithError(
        RangeError,
        `ThrottlingProxyOptions.admitPerSecond must be an integer >= 1, got ${admitPerSecond}`,
      );
    }
  });
});
