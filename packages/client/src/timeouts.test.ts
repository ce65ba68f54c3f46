// Timeouts and cancellation, on vitest's fake timers (retries, backoff and Retry-After: retry.test.ts).
import { delay, HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { createKooDriveClient, KooDriveError } from './index.js';
import {
  BASE_URL,
  DEVICES_URL,
  jsonResponse,
  referenceBodyText,
  run,
  settle,
  succeed,
  useFakeClock,
  useMockServer,
} from './testing/harness.js';

const mock = useMockServer();

useFakeClock();

function client(overrides: Partial<Parameters<typeof createKooDriveClient>[0]> = {}) {
  return createKooDriveClient({ baseUrl: BASE_URL, accessToken: 'token-1', userId: 'user-1', ...overrides });
}

describe('timeouts and cancellation', () => {
  const hang = () =>
    http.get(DEVICES_URL, async () => {
      await delay('infinite');
      return new HttpResponse(null);
    });

  it("bounds each attempt by timeoutMs and fails with kind 'timeout' after the retries", async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    mock.use(hang());
    const outcome = await run(client({ timeoutMs: 1000 }).listBoundDevices());
    expect(outcome.ok === false && outcome.error).toMatchObject({ kind: 'timeout', attempts: 3 });
    expect(mock.requests).toHaveLength(3);
    const gaps = mock.requests.slice(1).map((request, i) => request.at - (mock.requests[i]?.at ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1000);
    for (const gap of gaps) expect(gap).toBeLessThanOrEqual(1020);
  });

  it('retries after a timed-out attempt and succeeds when the next answers', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    mock.use(
      http.get(
        DEVICES_URL,
        async () => {
          await delay('infinite');
          return new HttpResponse(null);
        },
        { once: true },
      ),
      succeed(),
    );
    const outcome = await run(client({ timeoutMs: 500 }).listBoundDevices());
    expect(outcome.ok).toBe(true);
  });

  it("times out a body that stops arriving (kind 'timeout')", async () => {
    mock.use(
      http.get(DEVICES_URL, () => {
        const stream = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"code":0,"msg":"ok","data":['));
          },
        });
        return new HttpResponse(stream, { headers: { 'Content-Type': 'application/json' } });
      }),
    );
    const outcome = await run(client({ timeoutMs: 300, maxAttempts: 1 }).listBoundDevices());
    expect(outcome.ok === false && outcome.error).toMatchObject({ kind: 'timeout', attempts: 1 });
  });

  it("aborts an attempt in flight at once when the caller's signal fires (kind 'aborted')", async () => {
    mock.use(hang());
    const controller = new AbortController();
    const outcome = settle(client().listBoundDevices({ signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(50);
    controller.abort(new Error('user left the page'));
    await vi.advanceTimersByTimeAsync(0);
    const result = await outcome;
    expect(result.ok === false && result.error).toBeInstanceOf(KooDriveError);
    expect(result.ok === false && result.error).toMatchObject({ kind: 'aborted', attempts: 1 });
    expect(mock.requests).toHaveLength(1);
  });

  it('aborts a pending backoff at once, without another attempt', async () => {
    mock.use(
      http.get(DEVICES_URL, () =>
        jsonResponse('{"code":503001,"msg":"busy"}', { status: 503, headers: { 'Retry-After': '30' } }),
      ),
    );
    const controller = new AbortController();
    const outcome = settle(client().listBoundDevices({ signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(mock.requests).toHaveLength(1);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    const result = await outcome;
    expect(result.ok === false && result.error).toMatchObject({ kind: 'aborted', attempts: 1 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(mock.requests).toHaveLength(1);
  });

  it('aborts at once while waiting for a hanging accessToken function, without sending anything', async () => {
    mock.use(succeed());
    const controller = new AbortController();
    const outcome = settle(
      client({ accessToken: () => new Promise<string>(() => {}) }).listBoundDevices({ signal: controller.signal }),
    );
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    const result = await outcome;
    expect(result.ok === false && result.error).toBeInstanceOf(KooDriveError);
    expect(result.ok === false && result.error).toMatchObject({ kind: 'aborted', attempts: 1 });
    expect(mock.requests).toHaveLength(0);
  });

  it("counts a hanging accessToken function against timeoutMs (kind 'timeout'), without sending anything", async () => {
    mock.use(succeed());
    const calls: number[] = [];
    const accessToken = () => {
      calls.push(Date.now());
      return new Promise<string>(() => {});
    };
    const outcome = await run(client({ accessToken, timeoutMs: 1000, maxAttempts: 2 }).listBoundDevices(), 30_000);
    expect(outcome.ok === false && outcome.error).toMatchObject({ kind: 'timeout', attempts: 2 });
    expect(outcome.ok === false && (outcome.error as Error).message).toContain('waiting for the accessToken function');
    expect(calls).toHaveLength(2);
    expect(mock.requests).toHaveLength(0);
  });

  it('bounds the accessToken function and the request together by one timeoutMs per attempt', async () => {
    mock.use(
      http.get(DEVICES_URL, async () => {
        await delay(600);
        return jsonResponse(referenceBodyText());
      }),
    );
    const slowToken = () => new Promise<string>((resolve) => setTimeout(() => resolve('token-1'), 600));
    const outcome = await run(client({ accessToken: slowToken, timeoutMs: 1000, maxAttempts: 1 }).listBoundDevices());
    expect(outcome.ok === false && outcome.error).toMatchObject({ kind: 'timeout', attempts: 1 });
    expect(mock.requests).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    mock.use(succeed());
    const result = await settle(client().listBoundDevices({ signal: AbortSignal.abort() }));
    expect(result.ok === false && result.error).toMatchObject({ kind: 'aborted', attempts: 0 });
    expect(mock.requests).toHaveLength(0);
  });

  it('leaves no timers behind after a successful call', async () => {
    mock.use(succeed());
    await run(client().listBoundDevices());
    expect(vi.getTimerCount()).toBe(0);
  });
});
