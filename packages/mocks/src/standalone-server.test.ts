import { connect } from 'node:net';
import { createSpecValidator } from '@koodrive-device/spec';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount, referenceDevices } from './fixtures.js';
import { KOODRIVE_DEVICES_PATH, successBody } from './handlers.js';
import { type KooDriveMockServer, SCENARIO_CONTROL_PATH, startKooDriveMockServer } from './standalone-server.js';
import { fixedNow, NOW, validHeaders } from './testing/call.js';

const validator = createSpecValidator();

/** Sends raw bytes over TCP and returns everything the server sends back before closing. */
function rawExchange(port: number, payload: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
    socket.write(payload);
  });
}

describe('startKooDriveMockServer over real HTTP on loopback', () => {
  let mock: KooDriveMockServer;
  let devicesUrl: string;

  beforeAll(async () => {
    mock = await startKooDriveMockServer({ port: 0, host: '127.0.0.1', now: fixedNow });
    devicesUrl = mock.url + KOODRIVE_DEVICES_PATH;
  });
  afterEach(() => mock.scenario.reset());
  afterAll(() => mock.close());

  it('listens on a free loopback port and reports its URL', () => {
    expect(mock.port).toBeGreaterThan(0);
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
  });

  it('answers a valid request with the reference devices, a Date header and a spec-valid body', async () => {
    const response = await fetch(devicesUrl, { headers: validHeaders(demoAccount) });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('date')).toBe(NOW.toUTCString());
    expect(text).toBe(successBody(demoAccount));
    expect(JSON.parse(text).data).toEqual(referenceDevices);
    expect(validator.validateResponse(200, JSON.parse(text))).toEqual({ valid: true });
  });

  it('applies the request checks of the handlers', async () => {
    const response = await fetch(devicesUrl, { headers: { ...validHeaders(demoAccount), 'X-User-Id': 'x' } });
    const body = await response.json();
    expect(response.status).toBe(403);
    expect(validator.validateResponse(403, body)).toEqual({ valid: true });
  });

  it('serves the endpoint under a path prefix too', async () => {
    const response = await fetch(`${mock.url}/gateway${KOODRIVE_DEVICES_PATH}`, { headers: validHeaders(demoAccount) });
    expect(response.status).toBe(200);
  });

  it('answers HEAD without a body', async () => {
    const response = await fetch(devicesUrl, { method: 'HEAD', headers: validHeaders(demoAccount) });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('answers an unknown path with a 404 envelope', async () => {
    const response = await fetch(`${mock.url}/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 404001 });
  });

  it('answers a CORS preflight and exposes Date and Retry-After', async () => {
    const preflight = await fetch(devicesUrl, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('X-Date');
    const response = await fetch(devicesUrl, { headers: validHeaders(demoAccount) });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toBe('Date, Retry-After');
  });

  it('switches scenario at run time through its control endpoint', async () => {
    const put = await fetch(mock.url + SCENARIO_CONTROL_PATH, {
      method: 'PUT',
      body: JSON.stringify({ name: 'unavailable', retryAfterSeconds: 9 }),
    });
    expect(await put.json()).toEqual({ scenario: { name: 'unavailable', retryAfterSeconds: 9 } });
    const response = await fetch(devicesUrl, { headers: validHeaders(demoAccount) });
    expect([response.status, response.headers.get('retry-after')]).toEqual([503, '9']);
    const get = await fetch(mock.url + SCENARIO_CONTROL_PATH);
    expect(await get.json()).toEqual({ scenario: { name: 'unavailable', retryAfterSeconds: 9 } });
  });

  it('refuses an unknown scenario on its control endpoint with 400 and keeps the current one', async () => {
    const put = await fetch(mock.url + SCENARIO_CONTROL_PATH, { method: 'PUT', body: '"chaos"' });
    expect(put.status).toBe(400);
    expect(mock.scenario.current).toBe('normal');
  });

  it('serves a malformed body over the wire as a truncated prefix', async () => {
    mock.scenario.set('malformed');
    const text = await (await fetch(devicesUrl, { headers: validHeaders(demoAccount) })).text();
    expect(successBody(demoAccount).startsWith(text)).toBe(true);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it('answers non-ASCII header bytes with an envelope, not a crash', async () => {
    const raw = Buffer.concat([
      Buffer.from(
        `GET ${KOODRIVE_DEVICES_PATH} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer demo-token\r\nX-User-Id: `,
      ),
      Buffer.from('dému-ユーザー', 'utf8'),
      Buffer.from('\r\nConnection: close\r\n\r\n'),
    ]);
    const reply = await rawExchange(mock.port, raw);
    expect(reply).toMatch(/^HTTP\/1\.1 403 /);
    expect(reply).toContain('"code":403001');
  });

  it('answers unparseable HTTP with a 400 envelope', async () => {
    const reply = await rawExchange(mock.port, 'NOT HTTP AT ALL\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect(reply).toContain('"code":400007');
  });

  it('answers headers over 16 KiB with a 431 envelope', async () => {
    const reply = await rawExchange(
      mock.port,
      `GET ${KOODRIVE_DEVICES_PATH} HTTP/1.1\r\nHost: x\r\nX-User-Id: ${'u'.repeat(20_000)}\r\n\r\n`,
    );
    expect(reply).toMatch(/^HTTP\/1\.1 431 /);
    expect(reply).toContain('"code":431001');
  });

  it('answers 4000 requests at 64 concurrent, none lost', async () => {
    const total = 4000;
    const concurrency = 64;
    const headers = validHeaders(demoAccount);
    const expected = successBody(demoAccount);
    let next = 0;
    let ok = 0;
    const failures: string[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          next++;
          try {
            const response = await fetch(devicesUrl, { headers });
            const text = await response.text();
            if (response.status === 200 && text === expected) ok++;
            else failures.push(`${response.status}`);
          } catch (error) {
            failures.push(String(error));
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `koodrive-mock-server: ${total} requests at ${concurrency} concurrent in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} requests/s`,
    );
    expect(failures).toEqual([]);
    expect(ok).toBe(total);
  }, 60_000);
});

describe('startKooDriveMockServer lifecycle', () => {
  it('closes with a request in flight in the slow scenario', async () => {
    const mock = await startKooDriveMockServer({ port: 0, now: fixedNow, scenario: { name: 'slow', delayMs: 100 } });
    const inFlight = fetch(mock.url + KOODRIVE_DEVICES_PATH, { headers: validHeaders(demoAccount) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await mock.close();
    expect((await inFlight).status).toBe(200);
    await expect(fetch(mock.url + KOODRIVE_DEVICES_PATH)).rejects.toThrow();
  });

  it('rejects a port in use with the listen error', async () => {
    const first = await startKooDriveMockServer({ port: 0 });
    await expect(startKooDriveMockServer({ port: first.port })).rejects.toThrow(/EADDRINUSE/);
    await first.close();
  });

  it.each([-1, 65536, 1.5])('rejects port %d with a RangeError', async (port) => {
    await expect(startKooDriveMockServer({ port })).rejects.toThrow(RangeError);
  });
});
