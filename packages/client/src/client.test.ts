import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { createKooDriveClient } from './index.js';
import { BASE_URL, DEVICES_URL, failure, jsonResponse, referenceBodyText, useMockServer } from './testing/harness.js';

const mock = useMockServer();

function client(overrides: Partial<Parameters<typeof createKooDriveClient>[0]> = {}) {
  return createKooDriveClient({ baseUrl: BASE_URL, accessToken: 'token-1', userId: 'user-1', ...overrides });
}

describe('requests', () => {
  it('sends Authorization: Bearer, X-User-Id and an X-Date in yyyyMMddTHHmmssZ', async () => {
    mock.use(http.get(DEVICES_URL, () => jsonResponse(referenceBodyText())));
    await client().listBoundDevices();
    expect(mock.requests).toHaveLength(1);
    const { headers, method } = mock.requests[0] ?? { headers: {} as Record<string, string>, method: '' };
    expect(method).toBe('GET');
    expect(headers.authorization).toBe('Bearer token-1');
    expect(headers['x-user-id']).toBe('user-1');
    expect(headers['x-date']).toMatch(/^\d{8}T\d{6}Z$/);
  });

  it('signs a UTC X-Date a little behind now, never ahead of it', async () => {
    mock.use(http.get(DEVICES_URL, () => jsonResponse(referenceBodyText())));
    const before = Date.now();
    await client().listBoundDevices();
    const xDate = mock.requests[0]?.headers['x-date'] ?? '';
    const [, y, mo, d, h, mi, s] = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(xDate) ?? [];
    const signed = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    expect(signed).toBeLessThanOrEqual(before);
    expect(signed).toBeGreaterThan(before - 10_000);
  });

  it.each([
    ['https://gateway.test/prefix', 'https://gateway.test/prefix/koodrive/ose/v1/backup/device'],
    ['https://gateway.test/prefix/', 'https://gateway.test/prefix/koodrive/ose/v1/backup/device'],
    ['https://gateway.test/prefix///', 'https://gateway.test/prefix/koodrive/ose/v1/backup/device'],
    ['https://gateway.test', 'https://gateway.test/koodrive/ose/v1/backup/device'],
    ['https://gateway.test/', 'https://gateway.test/koodrive/ose/v1/backup/device'],
  ])('calls the operation under baseUrl %s', async (baseUrl, expected) => {
    mock.use(http.get('*/koodrive/ose/v1/backup/device', () => jsonResponse(referenceBodyText())));
    await client({ baseUrl }).listBoundDevices();
    expect(mock.requests[0]?.url).toBe(expected);
  });

  it('calls an accessToken function for every attempt and uses what it returns', async () => {
    let calls = 0;
    mock.use(
      http.get(DEVICES_URL, () => new HttpResponse(null, { status: 503, headers: { 'Retry-After': '0' } }), {
        once: true,
      }),
      http.get(DEVICES_URL, () => jsonResponse(referenceBodyText())),
    );
    const accessToken = vi.fn(async () => `token-${++calls}`);
    await client({ accessToken }).listBoundDevices();
    expect(accessToken).toHaveBeenCalledTimes(2);
    expect(mock.requests.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('uses an injected fetch, and calls it with a URL string and init (no Request object)', async () => {
    const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => jsonResponse(referenceBodyText()));
    const devices = await client({ fetch }).listBoundDevices();
    expect(devices).toHaveLength(2);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]?.[0]).toBe(DEVICES_URL);
    expect(mock.requests).toHaveLength(0);
  });

  it('rejects invalid options when the client is created', () => {
    expect(() => client({ baseUrl: 'gateway.test' })).toThrow(TypeError);
    expect(() => client({ accessToken: '' })).toThrow(TypeError);
    expect(() => client({ accessToken: 'two words' })).toThrow(TypeError);
    expect(() => client({ userId: '' })).toThrow(TypeError);
    expect(() => client({ userId: 'Jürgen' })).toThrow(TypeError);
    expect(() => client({ timeoutMs: 0 })).toThrow(TypeError);
    expect(() => client({ maxAttempts: 0 })).toThrow(TypeError);
    expect(() => client({ maxAttempts: 1.5 })).toThrow(TypeError);
  });
});

describe('results', () => {
  it("returns the reference's devices with exact string IDs and a Date createTime", async () => {
    mock.use(http.get(DEVICES_URL, () => jsonResponse(referenceBodyText())));
    const [first, second] = await client().listBoundDevices();
    expect(first?.deviceId).toBe('1775406005920779393');
    expect(second?.deviceId).toBe('1842812272691451648');
    expect(first?.machineCode).toBe('20250911');
    expect(first?.deviceName).toBe('Magic v3');
    expect(first?.deviceOS).toBe('android');
    expect(first?.createTime).toBeInstanceOf(Date);
    expect(first?.createTime.toISOString()).toBe('2025-09-15T06:14:48.630Z');
  });

  it('builds createTime once and returns the same Date on every read', async () => {
    mock.use(http.get(DEVICES_URL, () => jsonResponse(referenceBodyText())));
    const [first] = await client().listBoundDevices();
    expect(first?.createTime).toBe(first?.createTime);
  });

  it("serialises devices back to the server's JSON shape", async () => {
    mock.use(http.get(DEVICES_URL, () => jsonResponse(referenceBodyText())));
    const devices = await client().listBoundDevices();
    expect(JSON.parse(JSON.stringify(devices))).toEqual(JSON.parse(referenceBodyText()).data);
  });

  it('returns an empty list for data: []', async () => {
    mock.use(http.get(DEVICES_URL, () => jsonResponse('{"data":[],"code":0,"msg":"success"}')));
    await expect(client().listBoundDevices()).resolves.toEqual([]);
  });
});

describe('typed errors', () => {
  it("turns code != 0 in a 200 into kind 'api' with code and msg, without retrying", async () => {
    mock.use(http.get(DEVICES_URL, () => jsonResponse('{"code":100001,"msg":"try again later"}')));
    const error = await failure(client().listBoundDevices());
    expect(error).toMatchObject({ kind: 'api', status: 200, code: 100001, msg: 'try again later', attempts: 1 });
    expect(mock.requests).toHaveLength(1);
  });

  it("turns a non-2xx with the envelope into kind 'http' with status, code and msg", async () => {
    mock.use(
      http.get(DEVICES_URL, () => jsonResponse('{"code":403001,"msg":"X-User-Id does not match"}', { status: 403 })),
    );
    const error = await failure(client().listBoundDevices());
    expect(error).toMatchObject({ kind: 'http', status: 403, code: 403001, msg: 'X-User-Id does not match' });
    expect(error.message).toContain('403');
  });

  it("turns a non-2xx with an HTML body into kind 'http' with the status only", async () => {
    mock.use(http.get(DEVICES_URL, () => new HttpResponse('<html>Bad gateway</html>', { status: 404, headers: {} })));
    const error = await failure(client().listBoundDevices());
    expect(error.kind).toBe('http');
    expect(error.status).toBe(404);
    expect(error.code).toBeUndefined();
    expect(error.msg).toBeUndefined();
  });

  it.each([
    ['a truncated body', referenceBodyText().slice(0, 40), 'body'],
    ['an HTML body', '<html>oops</html>', 'body'],
    ['an empty body', '', 'body'],
    ['a JSON array', '[]', 'body'],
    ['a missing data', '{"code":0,"msg":"success"}', 'data'],
    ['data: null', '{"code":0,"msg":"success","data":null}', 'data'],
    ['a string code', '{"code":"0","msg":"success","data":[]}', 'code'],
    ['a missing msg', '{"code":0,"data":[]}', 'msg'],
    [
      'a deviceId sent as a JSON number',
      '{"code":0,"msg":"ok","data":[{"deviceId":1775406005920779393,"machineCode":"1","deviceName":"a","deviceOS":"android","createTime":"2025-09-15T06:14:48.630Z"}]}',
      'data[0].deviceId',
    ],
    [
      'an unparsable createTime',
      '{"code":0,"msg":"ok","data":[{"deviceId":"1","machineCode":"1","deviceName":"a","deviceOS":"android","createTime":"yesterday"}]}',
      'data[0].createTime',
    ],
    [
      'a 30 February createTime',
      '{"code":0,"msg":"ok","data":[{"deviceId":"1","machineCode":"1","deviceName":"a","deviceOS":"android","createTime":"2025-02-30T06:14:48.630Z"}]}',
      'data[0].createTime',
    ],
    [
      'a missing deviceName',
      '{"code":0,"msg":"ok","data":[{"deviceId":"1","machineCode":"1","deviceOS":"android","createTime":"2025-09-15T06:14:48.630Z"}]}',
      'data[0].deviceName',
    ],
    ['a device that is not an object', '{"code":0,"msg":"ok","data":["1775406005920779393"]}', 'data[0]'],
  ])("turns %s into kind 'invalid-response' naming the field", async (_name, body, field) => {
    mock.use(http.get(DEVICES_URL, () => jsonResponse(body)));
    const error = await failure(client().listBoundDevices());
    expect(error.kind).toBe('invalid-response');
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
    expect(mock.requests).toHaveLength(1);
  });

  it('never returns a numeric deviceId rounded, nor mentions the rounded value', async () => {
    const body = `{"code":0,"msg":"ok","data":[{"deviceId":1775406005920779393,"machineCode":"1","deviceName":"a","deviceOS":"android","createTime":"2025-09-15T06:14:48.630Z"}]}`;
    mock.use(http.get(DEVICES_URL, () => jsonResponse(body)));
    const error = await failure(client().listBoundDevices());
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain('1775406005920779400');
  });

  it("wraps a SyntaxError from a bad body as the cause of an 'invalid-response', never bare", async () => {
    mock.use(http.get(DEVICES_URL, () => jsonResponse('{"data":[')));
    const error = await failure(client().listBoundDevices());
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it("turns a dropped connection into kind 'network' after the retries, never a bare TypeError", async () => {
    mock.use(http.get(DEVICES_URL, () => HttpResponse.error()));
    const error = await failure(client({ maxAttempts: 2 }).listBoundDevices());
    expect(error.kind).toBe('network');
    expect(error.attempts).toBe(2);
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(mock.requests).toHaveLength(2);
  });

  it("turns an injected fetch that throws a non-Error into kind 'network'", async () => {
    const fetch = vi.fn(async () => {
      throw 'socket hang up';
    });
    const error = await failure(client({ fetch, maxAttempts: 1 }).listBoundDevices());
    expect(error.kind).toBe('network');
    expect(error.cause).toBe('socket hang up');
  });

  it("turns a failing or unusable accessToken function into kind 'access-token' without sending anything", async () => {
    const failing = client({
      accessToken: () => {
        throw new Error('refresh failed');
      },
    });
    const failed = await failure(failing.listBoundDevices());
    expect(failed).toMatchObject({ kind: 'access-token', attempts: 1 });
    expect((failed.cause as Error).message).toBe('refresh failed');
    const empty = await failure(client({ accessToken: async () => '' }).listBoundDevices());
    expect(empty.kind).toBe('access-token');
    expect(mock.requests).toHaveLength(0);
  });

  it('exposes KooDriveError as an Error subclass with a name', async () => {
    mock.use(http.get(DEVICES_URL, () => jsonResponse('{"code":1,"msg":"no"}')));
    const error = await failure(client().listBoundDevices());
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('KooDriveError');
  });
});
