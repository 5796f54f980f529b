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
