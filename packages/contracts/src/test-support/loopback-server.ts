import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The signing headers one request carried. */
export interface SeenRequest {
  authorization: string | undefined;
  userId: string | undefined;
  xDate: string | undefined;
}

/** The signing headers of a request, as a test server records them. */
export function seenRequest(req: IncomingMessage): SeenRequest {
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(',') : value;
  };
  return { authorization: header('authorization'), userId: header('x-user-id'), xDate: header('x-date') };
}

/** Listens on 127.0.0.1 at a random port; `close()` drops open connections and stops the server. */
export async function listenOnLoopback(server: Server): Promise<{ url: string; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
