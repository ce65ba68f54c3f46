import {
  createKooDriveClient,
  KooDriveError,
  X_DATE_SIGNING_MARGIN_MS as SIGNING_MARGIN_MS,
} from '@koodrive-device/client';
import { createKooDriveHandlers, demoAccount, referenceDevices } from '@koodrive-device/mocks';
import { describe, expect, it } from 'vitest';
import { BASE_URL, useMockServer } from './testing/mock-server.js';

const mock = useMockServer();

const MINUTE = 60_000;

/** The mock KooDrive with its clock `skewMs` away from ours (negative: behind). */
function skewedServer(skewMs: number) {
  mock.use(...createKooDriveHandlers({ now: () => new Date(Date.now() + skewMs) }));
}

function demoClient() {
  return createKooDriveClient({
    baseUrl: BASE_URL,
    accessToken: demoAccount.accessToken,
    userId: demoAccount.userId,
  });
}

describe('clock skew against the mock KooDrive', () => {
  it.each([
    ['10 s behind', -10_000],
    ['20 min ahead', 20 * MINUTE],
    ['2 h behind', -120 * MINUTE],
    ['2 h ahead', 120 * MINUTE],
    ['3 s behind', -3000],
    ['16 min ahead', 16 * MINUTE],
  ])(
    'with the server clock %s: one corrective retry, then the next call succeeds first time',
    async (_label, skewMs) => {
      skewedServer(skewMs);
      const client = demoClient();

      const first = await client.listBoundDevices();
      expect(first.map((d) => d.deviceId)).toEqual(referenceDevices.map((d) => d.deviceId));
      expect(mock.requests).toHaveLength(2); // the rejected attempt and the corrective retry

      mock.requests.length = 0;
      await client.listBoundDevices();
      expect(mock.requests).toHaveLength(1);
    },
  );

  it('needs no correction at all when the clocks agree', async () => {
    skewedServer(0);
    await demoClient().listBoundDevices();
    expect(mock.requests).toHaveLength(1);
  });

  it('makes the first call succeed first time when the server clock is a little behind (inside the margin)', async () => {
    skewedServer(-(SIGNING_MARGIN_MS - 800));
    await demoClient().listBoundDevices();
    expect(mock.requests).toHaveLength(1);
  });

  it('shares the learned offset between concurrent calls of one client', async () => {
    skewedServer(-120 * MINUTE);
    const client = demoClient();
    const results = await Promise.all([
      client.listBoundDevices(),
      client.listBoundDevices(),
      client.listBoundDevices(),
    ]);
    expect(results.every((devices) => devices.length === referenceDevices.length)).toBe(true);
    expect(mock.requests.length).toBeLessThanOrEqual(6);
    mock.requests.length = 0;
    await Promise.all([client.listBoundDevices(), client.listBoundDevices()]);
    expect(mock.requests).toHaveLength(2);
  });

  it('keeps offsets per client instance', async () => {
    skewedServer(-120 * MINUTE);
    await demoClient().listBoundDevices();
    mock.requests.length = 0;
    await demoClient().listBoundDevices();
    expect(mock.requests).toHaveLength(2);
  });

  it('signs every attempt within the window the server checks: never ahead, never 15 min behind', async () => {
    const skewMs = 20 * MINUTE;
    skewedServer(skewMs);
    const client = demoClient();
    await client.listBoundDevices();
    mock.requests.length = 0;
    await client.listBoundDevices();
    const xDate = mock.requests[0]?.headers['x-date'] ?? '';
    const [, y, mo, d, h, mi, s] = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(xDate) ?? [];
    const signed = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    const serverNow = Date.now() + skewMs;
    expect(signed).toBeLessThanOrEqual(serverNow);
    expect(signed).toBeGreaterThan(serverNow - 15 * MINUTE);
  });

  it('does not retry a 401 that has nothing to do with the clock (unknown token)', async () => {
    skewedServer(0);
    const client = createKooDriveClient({ baseUrl: BASE_URL, accessToken: 'unknown-token', userId: 'demo-user' });
    const error = await client.listBoundDevices().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KooDriveError);
    expect(error).toMatchObject({ kind: 'http', status: 401, code: 401001, attempts: 1 });
    expect(mock.requests).toHaveLength(1);
  });

  it('counts the corrective retry within maxAttempts: with 1, one request, and the next call succeeds first time', async () => {
    skewedServer(2 * 60 * MINUTE);
    const client = createKooDriveClient({
      baseUrl: BASE_URL,
      accessToken: demoAccount.accessToken,
      userId: demoAccount.userId,
      maxAttempts: 1,
    });
    const error = await client.listBoundDevices().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'http', status: 401, attempts: 1 });
    expect(mock.requests).toHaveLength(1);

    mock.requests.length = 0;
    await expect(client.listBoundDevices()).resolves.toHaveLength(referenceDevices.length);
    expect(mock.requests).toHaveLength(1);
  });

  it('corrects the clock within maxAttempts: 2 is enough against a skewed server', async () => {
    skewedServer(-2 * 60 * MINUTE);
    const client = createKooDriveClient({
      baseUrl: BASE_URL,
      accessToken: demoAccount.accessToken,
      userId: demoAccount.userId,
      maxAttempts: 2,
    });
    await expect(client.listBoundDevices()).resolves.toHaveLength(referenceDevices.length);
    expect(mock.requests).toHaveLength(2);
  });
});
