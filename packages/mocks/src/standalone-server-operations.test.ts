import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount, referenceDevices } from './fixtures.js';
import { DEFAULT_MAX_BODY_BYTES, KOODRIVE_DEVICES_PATH } from './handlers.js';
import { type KooDriveMockServer, startKooDriveMockServer } from './standalone-server.js';
import { fixedNow, validHeaders } from './testing/call.js';
import { rawExchange } from './testing/raw-exchange.js';
import { DEVICE_ITEM_PATH, postOperationSpec } from './testing/variants.js';

// The standalone server serving a grown spec (a new POST with a JSON body) on a loopback port: the new operation
// by the spec's rules, and the request body bound (413 without reading past it; huge or deeply nested JSON costs
// no more than its bytes).

const signed = validHeaders(demoAccount);
const RENAME_PATH = `${DEVICE_ITEM_PATH}/1775406005920779393/name`;

/** A raw HTTP/1.1 request head (CRLF, blank line), with the signed headers. */
function head(lines: string[]): string {
  const headers = Object.entries(signed).map(([name, value]) => `${name}: ${value}`);
  return `${[...lines, 'Host: x', ...headers].join('\r\n')}\r\n\r\n`;
}

describe('startKooDriveMockServer with a grown spec', () => {
  let mock: KooDriveMockServer;
  const post = (body: string, headers: Record<string, string> = signed, path = RENAME_PATH) =>
    fetch(mock.url + path, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body });

  beforeAll(async () => {
    mock = await startKooDriveMockServer({ port: 0, host: '127.0.0.1', now: fixedNow, spec: postOperationSpec });
  });
  afterAll(() => mock.close());

  it('answers the new operation with its documented example', async () => {
    const response = await post('{"deviceName":"Kitchen tablet"}');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ code: 0, msg: 'success', data: referenceDevices[0] });
    expect(response.headers.get('date')).toBe(fixedNow().toUTCString());
  });

  it('rejects a bad body, a bad path parameter and a body that is not JSON with a 400 envelope naming them', async () => {
    const missing = await post('{"name":"x"}');
    expect([missing.status, await missing.json()]).toEqual([
      400,
      { code: 400008, msg: 'The request does not match the spec: body.deviceName is missing' },
    ]);
    const badPath = await post('{"deviceName":"x"}', signed, `${DEVICE_ITEM_PATH}/12ab/name`);
    expect((await badPath.json()).msg).toMatch(/path parameter deviceId must match pattern/);
    const badEncoding = await post('{"deviceName":"x"}', signed, `${DEVICE_ITEM_PATH}/1%E0%A4/name`);
    expect([badEncoding.status, (await badEncoding.json()).msg]).toEqual([
      400,
      'The request does not match the spec: path parameter deviceId is not valid percent-encoding',
    ]);
    const notJson = await post('{"deviceName":');
    expect([notJson.status, await notJson.json()]).toEqual([
      400,
      { code: 400009, msg: 'The request body is not valid JSON' },
    ]);
  });

  it('answers a missing token with 401 and the challenge, never echoing what was sent', async () => {
    const response = await post('{"deviceName":"x"}', { ...signed, Authorization: 'Bearer s3cr3t-unknown' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="koodrive", error="invalid_token"');
    expect(await response.text()).not.toContain('s3cr3t');
    const { Authorization: _, ...unsigned } = signed;
    expect((await post('{"deviceName":"x"}', unsigned)).status).toBe(401);
  });

  it('answers a method the path does not have with 405 and Allow from the spec', async () => {
    const response = await fetch(mock.url + RENAME_PATH, { method: 'DELETE', headers: signed });
    expect([response.status, response.headers.get('allow')]).toEqual([405, 'POST']);
    const list = await fetch(mock.url + KOODRIVE_DEVICES_PATH, { method: 'PUT', headers: signed });
    expect([list.status, list.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });

  it('answers the CORS preflight of the new path with its methods and the headers a client sends', async () => {
    const response = await fetch(mock.url + RENAME_PATH, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toBe('POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('Authorization, X-User-Id, X-Date, Content-Type');
  });

  it('answers CONNECT on the new path with 405 and its Allow', async () => {
    const reply = await rawExchange(mock.port, `CONNECT ${RENAME_PATH} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(reply).toMatch(/^HTTP\/1\.1 405 /);
    expect(reply).toMatch(/\r\nAllow: POST\r\n/);
  });

  it('still answers 404 for a path the spec does not have', async () => {
    const response = await fetch(`${mock.url}${DEVICE_ITEM_PATH}/1/nickname`, { method: 'POST', headers: signed });
    expect(response.status).toBe(404);
  });

  it('refuses a declared length past the bound with 413 at once, before any of the body is sent', async () => {
    const reply = await rawExchange(
      mock.port,
      head([
        `POST ${RENAME_PATH} HTTP/1.1`,
        'Content-Type: application/json',
        `Content-Length: ${DEFAULT_MAX_BODY_BYTES + 1}`,
      ]),
    );
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(reply).toMatch(/\r\nConnection: close\r\n/i);
    expect(reply).toContain('{"code":413001,"msg":"The request body is larger than 1048576 bytes"}');
  });

  it('stops reading a chunked body at the bound: 413, and the connection closes', async () => {
    const chunk = Buffer.alloc(64 * 1024, '[');
    const { reply, chunksSent } = await new Promise<{ reply: string; chunksSent: number }>((resolve, reject) => {
      const socket = connect(mock.port, '127.0.0.1');
      const received: Buffer[] = [];
      let chunksSent = 0;
      let answered = false;
      socket.on('data', (data) => {
        answered = true;
        received.push(data);
      });
      const finish = () => resolve({ reply: Buffer.concat(received).toString('latin1'), chunksSent });
      socket.on('end', finish);
      socket.on('error', (error: NodeJS.ErrnoException) => {
        // The server closes while the last chunks are in flight: what it answered first is what counts.
        if (answered && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) finish();
        else reject(error);
      });
      socket.write(
        head([`POST ${RENAME_PATH} HTTP/1.1`, 'Content-Type: application/json', 'Transfer-Encoding: chunked']),
      );
      // At most 256 chunks (16 MiB), one after the other, until the server answers; the body never ends.
      const next = () => {
        if (answered || socket.destroyed) return;
        if (chunksSent >= 256) {
          socket.end();
          return;
        }
        chunksSent += 1;
        socket.write(`${chunk.length.toString(16)}\r\n`);
        socket.write(chunk);
        socket.write('\r\n', next);
      };
      next();
    });
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(reply).toContain('"code":413001');
    // The answer came while the body was still being sent: the server did not wait for its end.
    expect(chunksSent).toBeLessThan(256);
  });

  it('reads a body of exactly the bound: 1 MiB of "[" nesting is a 400, and other requests are served', async () => {
    const unbalanced = '['.repeat(DEFAULT_MAX_BODY_BYTES);
    const balanced = '['.repeat(DEFAULT_MAX_BODY_BYTES / 2) + ']'.repeat(DEFAULT_MAX_BODY_BYTES / 2);
    const [open, nested, list] = await Promise.all([
      post(unbalanced),
      post(balanced),
      fetch(mock.url + KOODRIVE_DEVICES_PATH, { headers: signed }),
    ]);
    expect([open.status, await open.json()]).toEqual([
      400,
      { code: 400009, msg: 'The request body is not valid JSON' },
    ]);
    expect([nested.status, (await nested.json()).msg]).toEqual([
      400,
      'The request does not match the spec: body must be object',
    ]);
    expect(list.status).toBe(200);
    // The server is still up and answers as before.
    expect((await post('{"deviceName":"after"}')).status).toBe(200);
  });

  it('refuses a body one byte over the bound with 413', async () => {
    const response = await post('['.repeat(DEFAULT_MAX_BODY_BYTES + 1)).catch((error: unknown) => error);
    // fetch may see the connection close before it has sent the whole body; when it gets the answer, it is 413.
    if (response instanceof Response) {
      expect([response.status, (await response.json()).code]).toEqual([413, 413001]);
    } else expect(response).toBeInstanceOf(Error);
    expect((await fetch(mock.url + KOODRIVE_DEVICES_PATH, { headers: signed })).status).toBe(200);
  });
});

describe('startKooDriveMockServer maxBodyBytes', () => {
  let mock: KooDriveMockServer;
  beforeAll(async () => {
    mock = await startKooDriveMockServer({
      port: 0,
      host: '127.0.0.1',
      now: fixedNow,
      spec: postOperationSpec,
      maxBodyBytes: 32,
    });
  });
  afterAll(() => mock.close());

  it('bounds bodies at the configured size: 32 bytes are read, 33 are refused', async () => {
    const body = JSON.stringify({ deviceName: 'x'.repeat(15) });
    expect(Buffer.byteLength(body)).toBe(32);
    const reply = await rawExchange(
      mock.port,
      head([`POST ${RENAME_PATH} HTTP/1.1`, 'Content-Type: application/json', 'Content-Length: 33']),
    );
    expect(reply).toContain('{"code":413001,"msg":"The request body is larger than 32 bytes"}');
    const ok = await fetch(mock.url + RENAME_PATH, {
      method: 'POST',
      headers: { ...signed, 'Content-Type': 'application/json' },
      body,
    });
    expect(ok.status).toBe(200);
  });

  it('refuses a bound that is not a non-negative integer', async () => {
    await expect(startKooDriveMockServer({ port: 0, maxBodyBytes: -1 })).rejects.toThrow(RangeError);
  });
});
