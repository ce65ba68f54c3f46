import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createKooDriveClient } from './index.js';
import { BASE_URL, DEVICES_URL, failure, jsonResponse, SECRET_TOKEN, useMockServer } from './testing/harness.js';

const mock = useMockServer();

function client(overrides: Partial<Parameters<typeof createKooDriveClient>[0]> = {}) {
  return createKooDriveClient({ baseUrl: BASE_URL, accessToken: SECRET_TOKEN, userId: 'user-1', ...overrides });
}

describe('a 200 whose code is not 0', () => {
  it.each([
    ['absent', '{"code":1001,"msg":"frozen"}'],
    ['null', '{"code":1001,"msg":"frozen","data":null}'],
    ['an object', '{"code":1001,"msg":"frozen","data":{"deviceId":"1"}}'],
    ['garbage', '{"code":1001,"msg":"frozen","data":[{"deviceId":17754060059207793930}]}'],
  ])('is an api error with code and msg whatever data holds (%s), and is not retried', async (_label, body) => {
    mock.use(http.get(DEVICES_URL, () => jsonResponse(body)));
    const error = await failure(client().listBoundDevices());
    expect(error).toMatchObject({ kind: 'api', status: 200, code: 1001, msg: 'frozen', attempts: 1 });
    expect(mock.requests).toHaveLength(1);
  });
});

describe('maxResponseBytes with msw', () => {
  it('accepts a body exactly at the bound', async () => {
    const body = '{"code":0,"msg":"success","data":[]}';
    mock.use(http.get(DEVICES_URL, () => jsonResponse(body)));
    await expect(client({ maxResponseBytes: body.length }).listBoundDevices()).resolves.toEqual([]);
  });
});

describe('a body that is not JSON', () => {
  it('gives where parsing stopped in the cause, never the text (which may echo the token)', async () => {
    mock.use(http.get(DEVICES_URL, () => jsonResponse(`${SECRET_TOKEN} is not a JSON body`)));
    const error = await failure(client().listBoundDevices());
    expect(error).toMatchObject({ kind: 'invalid-response', field: 'body' });
    const cause = error.cause as SyntaxError;
    expect(cause).toBeInstanceOf(SyntaxError);
    // The token starts `60f4…`: JSON.parse reads the number 60, then stops at the `f`.
    expect(cause.message).toMatch(/at position 2 \(\d+ characters\)/);
    for (const text of [cause.message, String(cause.stack), error.message]) {
      expect(text).not.toContain(SECRET_TOKEN.slice(0, 6));
      expect(text).not.toContain('is not a JSON body');
    }
  });

  it.each([
    ['{"code":0,"msg":"ok",x}', 21],
    ['{"code":0,"msg":"o', 18],
    ['[1,2,x]', 5],
  ])('says %s stops at position %i', async (body, position) => {
    mock.use(http.get(DEVICES_URL, () => jsonResponse(body)));
    const error = await failure(client().listBoundDevices());
    expect((error.cause as Error).message).toContain(`at position ${position} `);
  });
});
