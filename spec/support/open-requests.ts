import type { IncomingMessage, Server } from 'node:http';

/** The requests a test server has received and not yet ended, and a way to wait for them. */
export interface OpenRequests {
  /** Each request not yet ended, as `GET /api/hangs`. */
  readonly open: () => string[];
  /**
   * Resolves, once every request received has ended (answered and sent, or cut off by its client),
   * or after `timeoutMs`, to the requests still open then: none, if every client waited for its
   * answers or cancelled its requests.
   */
  readonly settled: (timeoutMs: number) => Promise<string[]>;
}

/**
 * Follows the requests `server` receives until each ends, so that a suite can see them settle
 * before it closes the server: one cut off by the close would fail in its client, inside whichever
 * spec runs then.
 */
export function trackOpenRequests(server: Server): OpenRequests {
  const open = new Map<IncomingMessage, string>();
  const waiting = new Set<() => void>();
  server.on('request', (request: IncomingMessage, response) => {
    open.set(request, `${request.method} ${request.url}`);
    // 'close': the answer was sent, or the connection was cut (the client cancelled).
    response.once('close', () => {
      open.delete(request);
      for (const wake of waiting) wake();
    });
  });

  async function settled(timeoutMs: number): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    while (open.size > 0 && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          waiting.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, deadline - Date.now());
        waiting.add(wake);
      });
    }
    return [...open.values()];
  }

  return { open: () => [...open.values()], settled };
}

/** How long a suite's server waits for its open requests to end before it cuts them off. */
export const CLOSE_SETTLE_MS = 5_000;
