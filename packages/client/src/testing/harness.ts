// Test support (not part of the build): one msw server per test file, and a log of what reached it.
import { type HttpHandler, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from 'vitest';
import { KOODRIVE_DEVICES_PATH } from '../endpoint.js';
import { isKooDriveError, type KooDriveError } from '../errors.js';

/** A KooDriveError with every kind's fields readable, for tests that assert on several kinds alike. */
export type AnyKooDriveError = KooDriveError & {
  readonly status?: number;
  readonly code?: number;
  readonly msg?: string;
  readonly field?: string;
  readonly retryAfterMs?: number;
};

export const BASE_URL = 'https://gateway.test/prefix';
export const DEVICES_URL = `${BASE_URL}${KOODRIVE_DEVICES_PATH}`;
/** A token shaped like the reference's example, long and unique enough to search for in any output. */
export const SECRET_TOKEN = '60f4ccc7b1SECRETf00dcafe3dd9a68068';

export interface SeenRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  at: number;
}

/** Starts a msw server for the file; `requests` lists every request that reached it, in order. */
export function useMockServer() {
  const requests: SeenRequest[] = [];
  const recorder = http.all('*', ({ request }) => {
    requests.push({
      url: request.url,
      method: request.method,
      headers: Object.fromEntries(request.headers),
      at: Date.now(),
    });
  });
  const server = setupServer(recorder);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers(recorder);
    requests.length = 0;
  });
  afterAll(() => server.close());
  return {
    requests,
    use(...handlers: HttpHandler[]) {
      server.use(recorder, ...handlers);
    },
  };
}

/** A 200 body like the reference's example, as text. */
export function referenceBodyText(): string {
  return JSON.stringify({
    data: [
      {
        deviceId: '1775406005920779393',
        machineCode: '20250911',
        deviceOS: 'android',
        deviceName: 'Magic v3',
        createTime: '2025-09-15T06:14:48.630Z',
      },
      {
        deviceId: '1842812272691451648',
        machineCode: '20251217',
        deviceOS: 'android',
        deviceName: 'Magic-v5',
        createTime: '2025-12-17T06:19:01.803Z',
      },
    ],
    code: 0,
    msg: 'success',
  });
}

export function jsonResponse(body: string, init: { status?: number; headers?: Record<string, string> } = {}) {
  return new Response(body, {
    status: init.status ?? 200,
    headers: { 'Content-Type': 'application/json', Date: new Date().toUTCString(), ...init.headers },
  });
}

/** Settles a promise into a value, so fake-timer tests can advance time before awaiting it. */
export function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/** The KooDriveError a call rejected with; fails the test when it resolved or rejected with anything else. */
export async function failure(promise: Promise<unknown>): Promise<AnyKooDriveError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isKooDriveError(error)).toBe(true);
  return error as AnyKooDriveError;
}

/** A handler answering every request with the reference's 200 body. */
export const succeed = () => http.get(DEVICES_URL, () => jsonResponse(referenceBodyText()));

/** Advances vitest's fake time until the promise settles (or the limit passes), then returns its outcome. */
export async function run<T>(promise: Promise<T>, limitMs = 120_000) {
  const outcome = settle(promise);
  let done = false;
  void outcome.then(() => {
    done = true;
  });
  for (let elapsed = 0; !done && elapsed < limitMs; elapsed += 10) await vi.advanceTimersByTimeAsync(10);
  return outcome;
}

/** vitest's fake timers and Date in every test of the file (restored, with every spy, after each). */
export function useFakeClock(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
}
