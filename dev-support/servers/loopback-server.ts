import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Starts `server` listening on 127.0.0.1 (never another interface) and resolves to its base URL.
 *
 * @example
 * ```ts
 * const url = await listenOnLoopback(createServer(handler)); // 'http://127.0.0.1:40123'
 * ```
 */
export async function listenOnLoopback(server: Server, port = 0): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * Stops `server` and drops its open connections: keep-alive connections would otherwise hold
 * `close` open until they time out.
 *
 * @example
 * ```ts
 * await stopServer(server);
 * ```
 */
export function stopServer(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
