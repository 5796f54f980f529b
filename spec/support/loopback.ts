import { connect } from 'node:net';

/**
 * Resolves to whether something accepts TCP connections at the URL's host and port. Used after a
 * test server is closed, to prove that nothing was left listening.
 */
export function isListening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Closes a test server, then expects nothing to be listening where it was. */
export async function closeAndExpectStopped(server: {
  readonly url: string;
  close(): Promise<void>;
}): Promise<void> {
  const { url } = server;
  await server.close();
  expect(await isListening(url))
    .withContext(`${url} still listening after close`)
    .toBeFalse();
}
