import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount } from './fixtures.js';
import { KOODRIVE_DEVICES_PATH } from './handlers.js';
import { type KooDriveMockServer, SCENARIO_CONTROL_PATH, startKooDriveMockServer } from './standalone-server.js';
import { fixedNow, validHeaders } from './testing/call.js';

// The standalone server's scenario control endpoint (`SCENARIO_CONTROL_PATH`): switching, and its origin rules.

describe('the scenario control endpoint over real HTTP on loopback', () => {
  let mock: KooDriveMockServer;
  let devicesUrl: string;

  beforeAll(async () => {
    mock = await startKooDriveMockServer({ port: 0, host: '127.0.0.1', now: fixedNow });
    devicesUrl = mock.url + KOODRIVE_DEVICES_PATH;
  });
  afterEach(() => mock.scenario.reset());
  afterAll(() => mock.close());

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
