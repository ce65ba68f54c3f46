// Realistic flows against the project's mock KooDrive (@koodrive-device/mocks), which checks every header.

import { createKooDriveClient, KooDriveError } from '@koodrive-device/client';
import {
  createKooDriveHandlers,
  createManyDevicesAccount,
  createScenarioController,
  defaultAccounts,
  demoAccount,
  emptyAccount,
  referenceDevices,
  type Scenario,
} from '@koodrive-device/mocks';
import { createSpecValidator } from '@koodrive-device/spec';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BASE_URL, settle, useMockServer } from './testing/mock-server.js';

const mock = useMockServer();
const validator = createSpecValidator();

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function clientFor(account: { accessToken: string; userId: string }, overrides = {}) {
  return createKooDriveClient({
    baseUrl: BASE_URL,
    accessToken: account.accessToken,
    userId: account.userId,
    ...overrides,
  });
}

function serve(scenario: Scenario = 'normal', accounts = defaultAccounts) {
  mock.use(...createKooDriveHandlers({ scenario, accounts }));
}

describe('against the mock KooDrive', () => {
  it("lists the demo account's devices exactly as the reference shows them", async () => {
    serve();
    const devices = await clientFor(demoAccount).listBoundDevices();
    expect(JSON.parse(JSON.stringify(devices))).toEqual(referenceDevices);
  });

  it('sends request headers the spec validates', async () => {
    serve();
    await clientFor(demoAccount).listBoundDevices();
    expect(validator.validateRequestHeaders(mock.requests[0]?.headers ?? {})).toEqual({ valid: true });
  });

  it('lists an empty account as []', async () => {
    serve();
    await expect(clientFor(emptyAccount).listBoundDevices()).resolves.toEqual([]);
  });

  it('keeps every one of 5000 consecutive 19-digit IDs exact and distinct', async () => {
    const many = createManyDevicesAccount(5000);
    serve('normal', [many]);
    const devices = await clientFor(many).listBoundDevices();
    expect(devices.map((d) => d.deviceId)).toEqual(many.devices.map((d) => d.deviceId));
    expect(new Set(devices.map((d) => d.deviceId)).size).toBe(5000);
    expect(devices.map((d) => d.createTime.toISOString())).toEqual(many.devices.map((d) => d.createTime));
    expect(devices.map((d) => d.deviceName)).toEqual(many.devices.map((d) => d.deviceName));
  });

  it("gives kind 'api' for the envelope-error scenario", async () => {
    serve('envelope-error');
    const error = await clientFor(demoAccount)
      .listBoundDevices()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KooDriveError);
    expect(error).toMatchObject({ kind: 'api', status: 200, code: 100001, attempts: 1 });
  });

  it("gives kind 'http' 401 with the envelope for the unauthorized scenario, without retrying", async () => {
    serve('unauthorized');
    const error = await clientFor(demoAccount)
      .listBoundDevices()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'http', status: 401, code: 401001, attempts: 1 });
    expect(mock.requests).toHaveLength(1);
  });

  it("gives kind 'http' 403 when X-User-Id is not the token's user", async () => {
    serve();
    const error = await clientFor({ accessToken: demoAccount.accessToken, userId: 'someone-else' })
      .listBoundDevices()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'http', status: 403, code: 403001 });
  });

  it('does not retry the server-error scenario (500)', async () => {
    serve('server-error');
    const error = await clientFor(demoAccount)
      .listBoundDevices()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'http', status: 500, code: 500001, attempts: 1 });
  });

  it('retries the unavailable scenario after its Retry-After, and recovers when the service is back', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const controller = createScenarioController({ name: 'unavailable', retryAfterSeconds: 3 });
    mock.use(...createKooDriveHandlers({ scenario: controller }));
    const outcome = settle(clientFor(demoAccount).listBoundDevices());
    await vi.advanceTimersByTimeAsync(100);
    expect(mock.requests).toHaveLength(1);
    controller.set('normal');
    await vi.advanceTimersByTimeAsync(2800);
    expect(mock.requests).toHaveLength(1); // still waiting out Retry-After: 3
    await vi.advanceTimersByTimeAsync(200);
    const result = await outcome;
    expect(result.ok && result.value.length).toBe(referenceDevices.length);
    expect(mock.requests).toHaveLength(2);
  });

  it('gives up on the unavailable scenario after maxAttempts', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    serve({ name: 'unavailable', retryAfterSeconds: 1 });
    const outcome = settle(clientFor(demoAccount, { maxAttempts: 4 }).listBoundDevices());
    await vi.advanceTimersByTimeAsync(5000);
    const result = await outcome;
    expect(result.ok === false && result.error).toMatchObject({ kind: 'http', status: 503, code: 503001, attempts: 4 });
  });

  it("gives kind 'invalid-response' for the malformed (truncated) scenario", async () => {
    serve();
    mock.use(...createKooDriveHandlers({ scenario: 'malformed' }));
    const error = await clientFor(demoAccount)
      .listBoundDevices()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid-response', field: 'body', attempts: 1 });
  });

  it("times out the slow scenario (kind 'timeout'), and succeeds when the timeout allows for it", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    serve({ name: 'slow', delayMs: 2000 });
    const tooShort = settle(clientFor(demoAccount, { timeoutMs: 500, maxAttempts: 1 }).listBoundDevices());
    await vi.advanceTimersByTimeAsync(600);
    expect((await tooShort).ok === false && (await tooShort)).toMatchObject({ error: { kind: 'timeout' } });

    const longEnough = settle(clientFor(demoAccount, { timeoutMs: 5000 }).listBoundDevices());
    await vi.advanceTimersByTimeAsync(2100);
    expect((await longEnough).ok).toBe(true);
  });

  it("aborts the slow scenario at once on the caller's signal", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    serve({ name: 'slow', delayMs: 10_000 });
    const abort = new AbortController();
    const outcome = settle(clientFor(demoAccount).listBoundDevices({ signal: abort.signal }));
    await vi.advanceTimersByTimeAsync(100);
    abort.abort();
    const result = await outcome;
    expect(result.ok === false && result.error).toMatchObject({ kind: 'aborted', attempts: 1 });
  });
});
