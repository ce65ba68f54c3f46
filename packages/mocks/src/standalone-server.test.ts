import { createSpecValidator } from '@koodrive-device/spec';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount, referenceDevices } from './fixtures.js';
import { KOODRIVE_DEVICES_PATH, successBody } from './handlers.js';
import { createScenarioController, type ScenarioController } from './scenarios.js';
import { type KooDriveMockServer, startKooDriveMockServer } from './standalone-server.js';
import { fixedNow, NOW, validHeaders } from './testing/call.js';
import { rawExchange } from './testing/raw-exchange.js';

// The standalone server's endpoint over real HTTP. Its scenario control endpoint: standalone-server-control.test.ts;
// raw and odd requests, and parity with the msw handlers: standalone-server-wire.test.ts.

const validator = createSpecValidator();

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

  it('answers a CORS preflight with 204, no Content-Length and no body, and exposes Date, Retry-After and WWW-Authenticate', async () => {
    const preflight = await fetch(devicesUrl, {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('content-length')).toBeNull();
    expect(await preflight.text()).toBe('');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('X-Date');
    const raw = await rawExchange(
      mock.port,
      `OPTIONS ${KOODRIVE_DEVICES_PATH} HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example\r\nConnection: close\r\n\r\n`,
    );
    expect(raw).toMatch(/^HTTP\/1\.1 204 /);
    expect(raw.toLowerCase()).not.toContain('content-length');
    expect(raw.endsWith('\r\n\r\n')).toBe(true);
    const response = await fetch(devicesUrl, { headers: validHeaders(demoAccount) });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toBe('Date, Retry-After, WWW-Authenticate');
  });

  it('answers a rate-limited scenario with 429, Retry-After and the envelope', async () => {
    mock.scenario.set({ name: 'rate-limited', retryAfterSeconds: 3 });
    const response = await fetch(devicesUrl, { headers: validHeaders(demoAccount) });
    const body = await response.json();
    expect([response.status, response.headers.get('retry-after')]).toEqual([429, '3']);
    expect(body).toEqual({ code: 429001, msg: 'Too many requests' });
    expect(validator.validateResponse(429, body)).toEqual({ valid: true });
  });

  it('answers every 401 with a WWW-Authenticate challenge', async () => {
    const missing = await fetch(devicesUrl, { headers: { 'X-User-Id': 'demo-user' } });
    expect([missing.status, missing.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="koodrive"']);
    const unknown = await fetch(devicesUrl, { headers: { ...validHeaders(demoAccount), Authorization: 'Bearer x' } });
    expect(unknown.headers.get('www-authenticate')).toBe('Bearer realm="koodrive", error="invalid_token"');
  });

  it('accepts one or more spaces after Bearer, and refuses a repeated Authorization', async () => {
    const spaced = await fetch(devicesUrl, {
      headers: { ...validHeaders(demoAccount), Authorization: 'Bearer    demo-token' },
    });
    expect(spaced.status).toBe(200);
    const reply = await rawExchange(
      mock.port,
      `GET ${KOODRIVE_DEVICES_PATH} HTTP/1.1\r\nHost: x\r\n${Object.entries(validHeaders(demoAccount))
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('')}Authorization: Bearer demo-token\r\nConnection: close\r\n\r\n`,
    );
    expect(reply).toMatch(/^HTTP\/1\.1 401 /);
  });

  it('serves a malformed body over the wire as a truncated prefix', async () => {
    mock.scenario.set('malformed');
    const text = await (await fetch(devicesUrl, { headers: validHeaders(demoAccount) })).text();
    expect(successBody(demoAccount).startsWith(text)).toBe(true);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it('leaves idle keep-alive connections to the client to close (no Keep-Alive timeout of its own)', async () => {
    const response = await fetch(devicesUrl, { headers: validHeaders(demoAccount) });
    await response.arrayBuffer();
    expect(response.headers.get('connection')).toBe('keep-alive');
    expect(response.headers.get('keep-alive')).toBeNull();
  });

  it('answers 4000 requests at 64 concurrent, none lost (throughput is measured by npm run bench)', async () => {
    const total = 4000;
    const concurrency = 64;
    const headers = validHeaders(demoAccount);
    const expected = successBody(demoAccount);
    let next = 0;
    let ok = 0;
    const failures: string[] = [];
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
    expect(failures).toEqual([]);
    expect(ok).toBe(total);
  });
});

describe('startKooDriveMockServer lifecycle', () => {
  it('closes with a request in flight in the slow scenario', async () => {
    // The responder reads the scenario once per request, when the request has reached it: close then.
    const slow = createScenarioController({ name: 'slow', delayMs: 100 });
    let arrived: () => void = () => {};
    const requestArrived = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const scenario: ScenarioController = {
      get current() {
        arrived();
        return slow.current;
      },
      set: (next) => slow.set(next),
      reset: () => slow.reset(),
      subscribe: (listener) => slow.subscribe(listener),
    };
    const mock = await startKooDriveMockServer({ port: 0, now: fixedNow, scenario });
    const inFlight = fetch(mock.url + KOODRIVE_DEVICES_PATH, { headers: validHeaders(demoAccount) });
    await requestArrived;
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
