// How much memory a hostile body costs the client (peak RSS growth), at the default maxResponseBytes (8 MiB):
// a 200 MB body, an endless stream, a gzip bomb. Run: npx tsx bench/body-memory.ts
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createKooDriveClient } from '@koodrive-device/client';

const chunk = Buffer.alloc(64 * 1024, 0x20);
const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024, 0x20), { level: 9 });
type Kind = 'big' | 'endless' | 'bomb';
const server = createServer(async (request, response) => {
  const kind = request.url?.split('/')[1] as Kind;
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json',
    Date: new Date().toUTCString(),
  };
  if (kind === 'bomb') {
    response.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': bomb.byteLength });
    response.end(bomb);
    return;
  }
  response.writeHead(200, headers); // no Content-Length: the client must count as it reads
  const chunks = kind === 'big' ? (200 * 1024 * 1024) / chunk.byteLength : Number.POSITIVE_INFINITY;
  for (let i = 0; i < chunks && !response.destroyed; i++) {
    if (!response.write(chunk)) await once(response, 'drain').catch(() => {});
  }
  if (!response.destroyed) response.end();
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
// One call first, unmeasured: loading fetch and compiling the client cost tens of MB once, whatever the body.
await createKooDriveClient({ baseUrl: `${origin}/endless`, accessToken: 't', userId: 'u', maxAttempts: 1 })
  .listBoundDevices()
  .catch(() => {});
console.log(`Peak RSS growth per hostile body, default maxResponseBytes, Node ${process.version}`);
for (const kind of ['big', 'endless', 'bomb'] as const) {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const client = createKooDriveClient({ baseUrl: `${origin}/${kind}`, accessToken: 't', userId: 'u', maxAttempts: 1 });
  const error = await client.listBoundDevices().catch((e: { kind: string; field?: string }) => e);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const verdict = 'kind' in error ? `${error.kind} (${error.field})` : 'devices?!';
  console.log(
    `${kind.padEnd(8)} ${verdict.padEnd(25)} peak RSS growth ${((peak - before) / 1024 / 1024).toFixed(1)} MB`,
  );
}
server.closeAllConnections();
server.close();
