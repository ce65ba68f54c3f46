import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount } from './fixtures.js';
import { createKooDriveHandlers, KOODRIVE_DEVICES_PATH } from './handlers.js';
import { scenarioNames } from './scenarios.js';
import { type KooDriveMockServer, startKooDriveMockServer } from './standalone-server.js';
import { call, fixedNow, validHeaders } from './testing/call.js';
import { rawExchange } from './testing/raw-exchange.js';

// The standalone server on the wire: other methods, CONNECT, exact paths, bytes node:http cannot parse, and the
// same answers as the msw handlers in every scenario.

describe('startKooDriveMockServer facing raw and odd requests', () => {
  let mock: KooDriveMockServer;

  beforeAll(async () => {
    mock = await startKooDriveMockServer({ port: 0, host: '127.0.0.1', now: fixedNow });
  });
  afterEach(() => mock.scenario.reset());
  afterAll(() => mock.close());

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
