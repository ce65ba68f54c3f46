import { describe, expect, it } from 'vitest';
import { createManyDevicesAccount, demoAccount, emptyAccount, referenceDevices } from './fixtures.js';
import { createKooDriveHandlers, KOODRIVE_DEVICES_PATH } from './handlers.js';
import { createScenarioController, scenarioNames } from './scenarios.js';
import { call, DEVICES_URL, envelopeOf, fixedNow, NOW, validHeaders } from './testing/call.js';

const MINUTE = 60_000;
const mock = createKooDriveHandlers({ now: fixedNow });

describe('a valid request', () => {
  it("answers 200 with the demo account's reference devices", async () => {
    const answer = await call(mock, validHeaders(demoAccount));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ data: referenceDevices, code: 0, msg: 'success' });
  });

  it('answers 200 with an empty list for the empty account', async () => {
    const answer = await call(mock, validHeaders(emptyAccount));
    expect(JSON.parse(answer.text)).toEqual({ data: [], code: 0, msg: 'success' });
  });

  it('keeps 19-digit device IDs as strings in the JSON text', async () => {
    const answer = await call(mock, validHeaders(demoAccount));
    expect(answer.text).toContain('"deviceId":"1775406005920779393"');
  });

  it('serves caller-supplied accounts, such as 10 000 devices', async () => {
    const many = createManyDevicesAccount(10_000, { accessToken: 'big', userId: 'big-user' });
    const answer = await call(createKooDriveHandlers({ accounts: [many], now: fixedNow }), validHeaders(many));
    expect(JSON.parse(answer.text).data).toEqual(many.devices);
  });

  it.each([
    'https://koodrive.example/koodrive/ose/v1/backup/device',
    'http://127.0.0.1:4010/koodrive/ose/v1/backup/device',
    'http://localhost:5173/api/koodrive/koodrive/ose/v1/backup/device',
    'https://gateway.example/prefix/v2/koodrive/ose/v1/backup/device?ignored=1',
  ])('is answered under any origin and path prefix: %s', async (url) => {
    expect((await call(mock, validHeaders(demoAccount), url)).status).toBe(200);
  });

  it.each([
    // Not a path of the spec's, whatever operations it grows (a deviceId segment, then a name, at most).
    `${DEVICES_URL}/extra/segments/beyond`,
    `${DEVICES_URL}/`,
    `${DEVICES_URL}/?x=1`,
    `${DEVICES_URL}s`,
    'https://koodrive.example/koodrive/ose/v1/backup/Device',
    'https://koodrive.example/KOODRIVE/OSE/V1/BACKUP/DEVICE',
    'https://koodrive.example/koodrive/ose/v1/backup/devic%65',
    'https://koodrive.example/xkoodrive/ose/v1/backup/device',
  ])('is not answered on another path, as at a strict gateway: %s', async (url) => {
    await expect(call(mock, validHeaders(demoAccount), url)).rejects.toThrow(/no handler/);
    expect(KOODRIVE_DEVICES_PATH).toBe('/koodrive/ose/v1/backup/device');
  });

  it('answers HEAD like GET', async () => {
    const answer = await call(mock, validHeaders(demoAccount), DEVICES_URL, 'HEAD');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('date')).toBe(NOW.toUTCString());
  });

  it('carries Content-Type application/json and a Date header from the mock clock', async () => {
    const answer = await call(mock, validHeaders(demoAccount));
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.headers.get('date')).toBe('Thu, 12 Feb 2026 10:00:00 GMT');
  });

  it('reads the clock on every request', async () => {
    let now = NOW;
    const moving = createKooDriveHandlers({ now: () => now });
    const first = await call(moving, validHeaders(demoAccount));
    now = new Date(NOW.getTime() + 20 * MINUTE);
    const second = await call(moving, validHeaders(demoAccount));
    expect([first.status, second.status]).toEqual([200, 401]);
    expect(second.headers.get('date')).toBe('Thu, 12 Feb 2026 10:20:00 GMT');
  });
});

describe('the bearer token', () => {
  it('rejects a request without Authorization with 401', async () => {
    const { Authorization: _, ...headers } = validHeaders(demoAccount);
    const answer = await call(mock, headers);
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text)).toEqual(envelopeOf('missingToken'));
  });

  it.each([
    'demo-token',
    'Bearer+demo-token',
    'bearer+demo-token',
    'Bearer\tdemo-token',
    'bearer',
    'BEARER ',
    'Basic ZGVtbzpkZW1v',
    'Bearer demo-token, Bearer demo-token',
  ])('rejects Authorization %j with 401 (missing or malformed token)', async (authorization) => {
    const answer = await call(mock, { ...validHeaders(demoAccount), Authorization: authorization });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text)).toEqual(envelopeOf('missingToken'));
  });

  it.each(['Bearer  demo-token', 'bearer     demo-token'])(
    'accepts one or more spaces after the scheme (RFC 6750: "Bearer" 1*SP b64token): %j',
    async (authorization) => {
      const answer = await call(mock, { ...validHeaders(demoAccount), Authorization: authorization });
      expect(answer.status).toBe(200);
    },
  );

  it.each(['bearer demo-token', 'BEARER demo-token', 'bEaReR demo-token'])(
    'accepts the Bearer scheme in any case (RFC 7235): %j',
    async (authorization) => {
      const answer = await call(mock, { ...validHeaders(demoAccount), Authorization: authorization });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toEqual({ data: referenceDevices, code: 0, msg: 'success' });
    },
  );

  it.each(['bearer DEMO-TOKEN', 'BEARER s3cr3t-unknown', 'bearer demo-token-'])(
    'still compares the token itself exactly, whatever the scheme case: %j is 401',
    async (authorization) => {
      const answer = await call(mock, { ...validHeaders(demoAccount), Authorization: authorization });
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.text)).toEqual(envelopeOf('unknownToken'));
    },
  );

  it("serves each account's own devices with a lower-case scheme", async () => {
    const headers = { ...validHeaders(emptyAccount), Authorization: `bearer ${emptyAccount.accessToken}` };
    const answer = await call(mock, headers);
    expect([answer.status, JSON.parse(answer.text)]).toEqual([200, { data: [], code: 0, msg: 'success' }]);
  });

  it('rejects an unknown token with 401 and never echoes it', async () => {
    const answer = await call(mock, { ...validHeaders(demoAccount), Authorization: 'Bearer s3cr3t-unknown' });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text)).toEqual(envelopeOf('unknownToken'));
    expect(answer.text).not.toContain('s3cr3t');
  });

  it('checks the token before X-User-Id and X-Date', async () => {
    const answer = await call(mock, { Authorization: 'Bearer nope', 'X-Date': 'garbage' });
    expect(answer.status).toBe(401);
  });
});

describe('other methods', () => {
  it.each(
    ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].flatMap((method) =>
      scenarioNames.map((scenario) => ({ method, scenario })),
    ),
  )('$method in scenario $scenario: 405 with Allow: GET, HEAD and the envelope', async ({ method, scenario }) => {
    const handlers = createKooDriveHandlers({ now: fixedNow, scenario });
    const answer = await call(handlers, validHeaders(demoAccount), DEVICES_URL, method);
    expect([answer.status, answer.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(answer.text)).toEqual(envelopeOf('methodNotAllowed'));
  });
});

describe('WWW-Authenticate (RFC 6750 section 3)', () => {
  it.each<[string, Record<string, string>, string]>([
    ['no token', { 'X-User-Id': 'demo-user' }, 'Bearer realm="koodrive"'],
    ['a malformed header', { Authorization: 'Bearer+demo-token' }, 'Bearer realm="koodrive"'],
    ['an unknown token', { Authorization: 'Bearer nope' }, 'Bearer realm="koodrive", error="invalid_token"'],
    [
      'a stale X-Date',
      validHeaders(demoAccount, 16 * MINUTE),
      'Bearer realm="koodrive", error="invalid_token", error_description="X-Date is too old"',
    ],
    [
      'a future X-Date',
      validHeaders(demoAccount, -MINUTE),
      'Bearer realm="koodrive", error="invalid_token", error_description="X-Date is in the future"',
    ],
  ])('is on the 401 for %s', async (_, headers, challenge) => {
    const answer = await call(mock, headers);
    expect([answer.status, answer.headers.get('www-authenticate')]).toEqual([401, challenge]);
  });

  it('is on the 401 of the unauthorized scenario, and on no other status', async () => {
    const revoked = await call(createKooDriveHandlers({ now: fixedNow, scenario: 'unauthorized' }), {});
    expect(revoked.headers.get('www-authenticate')).toBe('Bearer realm="koodrive", error="invalid_token"');
    const forbidden = await call(mock, { ...validHeaders(demoAccount), 'X-User-Id': 'someone-else' });
    expect([forbidden.status, forbidden.headers.get('www-authenticate')]).toEqual([403, null]);
  });
});

describe('createKooDriveHandlers options', () => {
  it('refuses accounts that share a token, or have an empty token or user', () => {
    expect(() =>
      createKooDriveHandlers({ accounts: [demoAccount, { ...emptyAccount, accessToken: 'demo-token' }] }),
    ).toThrow(TypeError);
    expect(() => createKooDriveHandlers({ accounts: [{ ...demoAccount, accessToken: '' }] })).toThrow(TypeError);
    expect(() => createKooDriveHandlers({ accounts: [{ ...demoAccount, accessToken: 'a b' }] })).toThrow(TypeError);
    expect(() => createKooDriveHandlers({ accounts: [{ ...demoAccount, userId: '' }] })).toThrow(TypeError);
  });

  it('refuses an unknown fixed scenario', () => {
    expect(() => createKooDriveHandlers({ scenario: 'flaky' as never })).toThrow(TypeError);
  });

  it('follows a scenario controller switched at run time', async () => {
    const scenario = createScenarioController();
    const switching = createKooDriveHandlers({ now: fixedNow, scenario });
    expect((await call(switching, validHeaders(demoAccount))).status).toBe(200);
    scenario.set('server-error');
    expect((await call(switching, validHeaders(demoAccount))).status).toBe(500);
    scenario.reset();
    expect((await call(switching, validHeaders(demoAccount))).status).toBe(200);
  });

  it('handlers created with no options use the real clock and the default accounts', async () => {
    const headers = {
      Authorization: 'Bearer many-token',
      'X-User-Id': 'many-user',
      'X-Date': new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, ''),
    };
    const answer = await call(createKooDriveHandlers(), headers);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).data).toHaveLength(250);
  });
});
