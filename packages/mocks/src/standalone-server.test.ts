import { connect } from 'node:net';
import { createSpecValidator } from '@koodrive-device/spec';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount, referenceDevices } from './fixtures.js';
import { createKooDriveHandlers, KOODRIVE_DEVICES_PATH, successBody } from './handlers.js';
import { createScenarioController, type ScenarioController, scenarioNames } from './scenarios.js';
import { type KooDriveMockServer, SCENARIO_CONTROL_PATH, startKooDriveMockServer } from './standalone-server.js';
import { call, fixedNow, NOW, validHeaders } from './testing/call.js';

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

  const putScenario = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(mock.url + SCENARIO_CONTROL_PATH, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('switches scenario at run time through its control endpoint', async () => {
    const put = await putScenario({ name: 'unavailable', retryAfterSeconds: 9 });
    expect(await put.json()).toEqual({ scenario: { name: 'unavailable', retryAfterSeconds: 9 } });
    const response = await fetch(devicesUrl, { headers: validHeaders(demoAccount) });
    expect([response.status, response.headers.get('retry-after')]).toEqual([503, '9']);
    const get = await fetch(mock.url + SCENARIO_CONTROL_PATH);
    expect(await get.json()).toEqual({ scenario: { name: 'unavailable', retryAfterSeconds: 9 } });
  });

  it('refuses an unknown scenario on its control endpoint with 400 and keeps the current one', async () => {
    const put = await putScenario('chaos');
    expect(put.status).toBe(400);
    expect(mock.scenario.current).toBe('normal');
  });

  it.each([
    ['a page of another origin', { Origin: 'https://evil.example' }],
    ['a page whose origin is opaque', { Origin: 'null' }],
    ['a page of the same host under another port', { Origin: 'http://127.0.0.1:1' }],
    ['a cross-site request with no Origin', { 'Sec-Fetch-Site': 'cross-site' }],
  ])('refuses to be switched by %s (403) and keeps the scenario', async (_, headers) => {
    const put = await putScenario('slow', headers);
    expect(put.status).toBe(403);
    expect(await put.json()).toMatchObject({ code: 403002 });
    expect(put.headers.get('access-control-allow-origin')).toBeNull();
    const read = await fetch(mock.url + SCENARIO_CONTROL_PATH, { headers });
    expect(read.status).toBe(403);
    expect(mock.scenario.current).toBe('normal');
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ''])(
    'refuses a scenario sent as %j, which a page could send without a preflight (415)',
    async (contentType) => {
      const put = await fetch(mock.url + SCENARIO_CONTROL_PATH, {
        method: 'PUT',
        headers: contentType === '' ? {} : { 'Content-Type': contentType },
        body: contentType === '' ? null : '"slow"',
      });
      expect(put.status).toBe(415);
      expect(mock.scenario.current).toBe('normal');
    },
  );

  it.each(['POST', 'DELETE', 'PATCH'])('answers %s on the control endpoint with 405', async (method) => {
    const response = await fetch(mock.url + SCENARIO_CONTROL_PATH, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: '"slow"',
    });
    expect([response.status, response.headers.get('allow')]).toEqual([405, 'GET, HEAD, PUT']);
    expect(mock.scenario.current).toBe('normal');
  });

  it("refuses a foreign page's preflight on the control endpoint, so the browser never sends its PUT", async () => {
    const preflight = await fetch(mock.url + SCENARIO_CONTROL_PATH, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'PUT' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
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

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'TRACE'])(
    'answers %s on the endpoint with 405, Allow: GET, HEAD and the envelope, in any scenario',
    async (method) => {
      for (const scenario of ['normal', 'server-error', 'unavailable'] as const) {
        mock.scenario.set(scenario);
        const reply = await rawExchange(
          mock.port,
          `${method} ${KOODRIVE_DEVICES_PATH} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
        );
        expect(reply).toMatch(/^HTTP\/1\.1 405 /);
        expect(reply).toMatch(/\r\nAllow: GET, HEAD\r\n/i);
        expect(reply).toContain('"code":405002');
      }
    },
  );

  it.each([
    [`CONNECT ${KOODRIVE_DEVICES_PATH} HTTP/1.1`, 405],
    ['CONNECT koodrive.example:443 HTTP/1.1', 400],
    ['CONNECT /elsewhere HTTP/1.1', 404],
  ])('answers %s with a 4xx envelope, never a dropped socket', async (line, status) => {
    const reply = await rawExchange(mock.port, `${line}\r\nHost: koodrive.example:443\r\n\r\n`);
    expect(reply).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(reply).toMatch(/"code":\d+/);
  });

  it.each([
    `${KOODRIVE_DEVICES_PATH}/`,
    '/koodrive/ose/v1/backup/Device',
    '/KOODRIVE/OSE/V1/BACKUP/DEVICE',
    `${KOODRIVE_DEVICES_PATH}s`,
    '/koodrive/ose/v1/backup/devic%65',
  ])('answers %s with 404, as a strict gateway does', async (path) => {
    const response = await fetch(mock.url + path, { headers: validHeaders(demoAccount) });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 404001 });
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

describe('startKooDriveMockServer with controlOrigins', () => {
  const page = 'http://localhost:5173';
  let mock: KooDriveMockServer;
  beforeAll(async () => {
    mock = await startKooDriveMockServer({ port: 0, now: fixedNow, controlOrigins: [page] });
  });
  afterAll(() => mock.close());

  it('lets a page of a listed origin preflight, switch and read the scenario, with CORS for that origin only', async () => {
    const preflight = await fetch(mock.url + SCENARIO_CONTROL_PATH, {
      method: 'OPTIONS',
      headers: {
        Origin: page,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(page);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, PUT');
    const put = await fetch(mock.url + SCENARIO_CONTROL_PATH, {
      method: 'PUT',
      headers: { Origin: page, 'Content-Type': 'application/json' },
      body: '"empty"',
    });
    expect([put.status, put.headers.get('access-control-allow-origin')]).toEqual([200, page]);
    expect(mock.scenario.current).toBe('empty');
    const other = await fetch(mock.url + SCENARIO_CONTROL_PATH, {
      method: 'PUT',
      headers: { Origin: 'http://localhost:5174', 'Content-Type': 'application/json' },
      body: '"slow"',
    });
    expect(other.status).toBe(403);
    expect(mock.scenario.current).toBe('empty');
  });

  it.each(['localhost:5173', 'ftp://x.example', 'http://localhost:5173/path'])(
    'refuses %j as a control origin with a TypeError',
    async (origin) => {
      await expect(startKooDriveMockServer({ port: 0, controlOrigins: [origin] })).rejects.toThrow(TypeError);
    },
  );
});

describe('the standalone server and the msw handlers', () => {
  const requests: Array<Record<string, string>> = [
    validHeaders(demoAccount),
    { ...validHeaders(demoAccount), Authorization: 'bearer  demo-token' },
    { ...validHeaders(demoAccount), Authorization: 'Bearer+demo-token' },
    { ...validHeaders(demoAccount), 'X-User-Id': 'empty-user' },
    { ...validHeaders(demoAccount), 'X-Date': '20260230T100000Z' },
    validHeaders(demoAccount, 16 * 60_000),
    { 'X-User-Id': 'demo-user' },
  ];

  it.each(scenarioNames.filter((name) => name !== 'slow'))(
    'give the same status, headers and body in scenario %s',
    async (name) => {
      const handlers = createKooDriveHandlers({ now: fixedNow, scenario: name });
      const mock = await startKooDriveMockServer({ port: 0, now: fixedNow, scenario: name });
      try {
        for (const headers of requests) {
          const viaMsw = await call(handlers, headers);
          const response = await fetch(mock.url + KOODRIVE_DEVICES_PATH, { headers });
          const overHttp = { status: response.status, text: await response.text() };
          expect(overHttp).toEqual({ status: viaMsw.status, text: viaMsw.text });
          for (const [header, value] of viaMsw.headers) expect(response.headers.get(header)).toBe(value);
        }
      } finally {
        await mock.close();
      }
    },
  );
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
