// maxResponseBytes over real loopback HTTP (no msw here: its interceptor would tee the bodies under test).
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_RESPONSE_BYTES } from './body.js';
import { createKooDriveClient } from './index.js';
import { failure, SECRET_TOKEN } from './testing/harness.js';

function client(overrides: Partial<Parameters<typeof createKooDriveClient>[0]> & { baseUrl: string }) {
  return createKooDriveClient({ accessToken: SECRET_TOKEN, userId: 'user-1', ...overrides });
}

/**
 * A loopback server whose one answer is `chunks` chunks of `chunk`, written as fast as the client takes them
 * (backpressure, not a clock); `written` counts what it wrote before the client went away.
 */
async function streamingServer(options: {
  chunk: Buffer;
  chunks: number;
  status?: number;
  headers?: Record<string, string | number>;
}) {
  const seen = { written: 0, closedEarly: false };
  const server = createServer(async (_request, response) => {
    response.writeHead(options.status ?? 200, {
      'Content-Type': 'application/json',
      Date: new Date().toUTCString(),
      ...options.headers,
    });
    response.on('close', () => {
      if (!response.writableFinished) seen.closedEarly = true;
    });
    for (let i = 0; i < options.chunks && !response.destroyed; i++) {
      seen.written += options.chunk.byteLength;
      if (!response.write(options.chunk)) await once(response, 'drain').catch(() => {});
    }
    if (!response.destroyed) response.end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** Waits until the server saw the client go away (an event, never a sleep). */
async function closedEarly(seen: { closedEarly: boolean }) {
  while (!seen.closedEarly) await new Promise((resolve) => setImmediate(resolve));
}

describe('maxResponseBytes', () => {
  it('defaults to 8 MiB, far above any device list', () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(8 * 1024 * 1024);
  });

  it('rejects a non-positive or fractional bound at creation', () => {
    for (const maxResponseBytes of [0, -1, 1.5, Number.NaN]) {
      expect(() => client({ baseUrl: 'http://127.0.0.1:1', maxResponseBytes })).toThrow(/maxResponseBytes/);
    }
  });

  it('fails a body that streams on past the bound as invalid-response (body), hangs up and does not retry', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20); // JSON whitespace: 64 GiB of it if nobody stops reading
    const { baseUrl, seen } = await streamingServer({ chunk, chunks: 1_000_000 });
    const error = await failure(client({ baseUrl, maxResponseBytes: 1024 * 1024 }).listBoundDevices());
    expect(error).toMatchObject({ kind: 'invalid-response', field: 'body', status: 200, attempts: 1 });
    expect(error.message).toContain('maxResponseBytes');
    await closedEarly(seen);
    // What the server wrote before the hang-up: the bound plus what the sockets buffered, not the stream.
    expect(seen.written).toBeLessThan(64 * 1024 * 1024);
  });

  it('fails at once on a Content-Length past the bound, before reading the body', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const { baseUrl, seen } = await streamingServer({
      chunk,
      chunks: 1_000,
      headers: { 'Content-Length': 1_000 * chunk.byteLength },
    });
    const error = await failure(client({ baseUrl, maxResponseBytes: 10_000 }).listBoundDevices());
    expect(error).toMatchObject({ kind: 'invalid-response', field: 'body', attempts: 1 });
    await closedEarly(seen);
  });

  it('bounds the body of an error answer too, without a retry', async () => {
    const { baseUrl, seen } = await streamingServer({
      chunk: Buffer.alloc(64 * 1024, 0x20),
      chunks: 1_000_000,
      status: 503,
    });
    const error = await failure(client({ baseUrl, maxResponseBytes: 50_000 }).listBoundDevices());
    expect(error).toMatchObject({ kind: 'invalid-response', field: 'body', status: 503, attempts: 1 });
    await closedEarly(seen);
  });

  it('counts a gzip bomb at its inflated size: a few kB on the wire, 8 MiB inflated, bound 1 MiB', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20), { level: 9 });
    expect(bomb.byteLength).toBeLessThan(64 * 1024);
    const { baseUrl } = await streamingServer({
      chunk: bomb,
      chunks: 1,
      headers: { 'Content-Encoding': 'gzip', 'Content-Length': bomb.byteLength },
    });
    const error = await failure(client({ baseUrl, maxResponseBytes: 1024 * 1024 }).listBoundDevices());
    expect(error).toMatchObject({ kind: 'invalid-response', field: 'body', attempts: 1 });
  });
});
