import { createServer } from 'node:net';

/**
 * A free TCP port on 127.0.0.1, for tests. (Vite treats `port: 0` as "use the default port", so tests ask the
 * OS for a free one first and pass it with `strictPort`.)
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}
