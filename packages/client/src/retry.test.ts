import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { createKooDriveClient, KooDriveError } from './index.js';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffDelay, isRetryable, parseRetryAfter } from './retry.js';
import { BASE_URL, DEVICES_URL, jsonResponse, run, succeed, useFakeClock, useMockServer } from './testing/harness.js';

const mock = useMockServer();

useFakeClock();

function client(overrides: Partial<Parameters<typeof createKooDriveClient>[0]> = {}) {
  return createKooDriveClient({ baseUrl: BASE_URL, accessToken: 'token-1', userId: 'user-1', ...overrides });
}

function failOnce(status: number, headers: Record<string, string> = {}) {
  return http.get(
    DEVICES_URL,
    () => jsonResponse(`{"code":${status}001,"msg":"failure ${status}"}`, { status, headers }),
    {
      once: true,
    },
  );
}

describe('retries', () => {
  it.each([429, 502, 503, 504])('retries a %i and then succeeds', async (status) => {
    mock.use(failOnce(status), succeed());
    const outcome = await run(client().listBoundDevices());
    expect(outcome.ok).toBe(true);
    expect(mock.requests).toHaveLength(2);
  });

  it('retries a dropped connection (network error) and then succeeds', async () => {
    mock.use(
      http.get(DEVICES_URL, () => HttpResponse.error(), { once: true }),
      succeed(),
    );
    const outcome = await run(client().listBoundDevices());
    expect(outcome.ok).toBe(true);
    expect(mock.requests).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 500])('does not retry a %i', async (status) => {
    mock.use(failOnce(status), succeed());
    const outcome = await run(client().listBoundDevices());
    expect(outcome.ok).toBe(false);
    expect(outcome.ok === false && outcome.error).toMatchObject({ kind: 'http', status, attempts: 1 });
    expect(mock.requests).toHaveLength(1);
  });

  it('does not retry code != 0 in a 200', async () => {
    mock.use(
      http.get(DEVICES_URL, () => jsonResponse('{"code":100001,"msg":"no"}'), { once: true }),
      succeed(),
    );
    const outcome = await run(client().listBoundDevices());
    expect(outcome.ok === false && outcome.error).toMatchObject({ kind: 'api', code: 100001 });
    expect(mock.requests).toHaveLength(1);
  });

  it.each([1, 2, 3, 5])('makes exactly maxAttempts=%i attempts, then gives the last error', async (maxAttempts) => {
    mock.use(http.get(DEVICES_URL, () => jsonResponse('{"code":503001,"msg":"busy"}', { status: 503 })));
    const outcome = await run(client({ maxAttempts }).listBoundDevices());
    expect(outcome.ok === false && outcome.error).toMatchObject({ kind: 'http', status: 503, attempts: maxAttempts });
    expect(mock.requests).toHaveLength(maxAttempts);
  });

  it('defaults to 3 attempts in total', async () => {
    mock.use(http.get(DEVICES_URL, () => jsonResponse('{"code":502001,"msg":"bad gateway"}', { status: 502 })));
    await run(client().listBoundDevices());
    expect(mock.requests).toHaveLength(3);
  });

  it('backs off exponentially with full jitter between attempts', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    mock.use(http.get(DEVICES_URL, () => jsonResponse('{"code":503001,"msg":"busy"}', { status: 503 })));
    await run(client({ maxAttempts: 4 }).listBoundDevices());
    const gaps = mock.requests.slice(1).map((request, i) => request.at - (mock.requests[i]?.at ?? 0));
    // Random 0.999 → just under 250, 500, 1000 ms (the run loop advances in 10 ms steps).
    expect(gaps[0]).toBeGreaterThanOrEqual(240);
    expect(gaps[0]).toBeLessThanOrEqual(260);
    expect(gaps[1]).toBeGreaterThanOrEqual(490);
    expect(gaps[1]).toBeLessThanOrEqual(510);
    expect(gaps[2]).toBeGreaterThanOrEqual(990);
    expect(gaps[2]).toBeLessThanOrEqual(1010);
  });

  it('draws each backoff uniformly from [0, min(cap, base * 2^retry))', () => {
    expect(backoffDelay(0, () => 0)).toBe(0);
    expect(backoffDelay(0, () => 0.5)).toBe(BACKOFF_BASE_MS / 2);
    expect(backoffDelay(2, () => 0.5)).toBe(BACKOFF_BASE_MS * 2);
    expect(backoffDelay(30, () => 0.999_999)).toBeLessThan(BACKOFF_CAP_MS);
    expect(backoffDelay(30, () => 0.999_999)).toBeGreaterThanOrEqual(BACKOFF_CAP_MS - 1);
  });

  it('waits Retry-After seconds before retrying a 429', async () => {
    mock.use(failOnce(429, { 'Retry-After': '7' }), succeed());
    const outcome = await run(client().listBoundDevices());
    expect(outcome.ok).toBe(true);
    const gap = (mock.requests[1]?.at ?? 0) - (mock.requests[0]?.at ?? 0);
    expect(gap).toBeGreaterThanOrEqual(7000);
    expect(gap).toBeLessThanOrEqual(7010);
  });

  it('waits until a Retry-After HTTP date, measured on the server clock, before retrying a 503', async () => {
    // The server's clock is 1 h ahead of ours: the date means "in 4 s" only against its own Date header.
    mock.use(
      http.get(
        DEVICES_URL,
        () => {
          const serverNow = Date.now() + 3_600_000;
          return jsonResponse('{"code":503001,"msg":"busy"}', {
            status: 503,
            headers: {
              Date: new Date(serverNow).toUTCString(),
              'Retry-After': new Date(Math.floor(serverNow / 1000) * 1000 + 4000).toUTCString(),
            },
          });
        },
        { once: true },
      ),
      succeed(),
    );
    const outcome = await run(client().listBoundDevices());
    expect(outcome.ok).toBe(true);
    const gap = (mock.requests[1]?.at ?? 0) - (mock.requests[0]?.at ?? 0);
    expect(gap).toBeGreaterThanOrEqual(4000);
    expect(gap).toBeLessThanOrEqual(4010);
  });

  it.each(['-3', '1.5', 'soon', '', '0x10'])('falls back to the backoff for an odd Retry-After %j', async (value) => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    mock.use(failOnce(503, { 'Retry-After': value }), succeed());
    const outcome = await run(client().listBoundDevices());
    expect(outcome.ok).toBe(true);
    const gap = (mock.requests[1]?.at ?? 0) - (mock.requests[0]?.at ?? 0);
    expect(gap).toBeGreaterThanOrEqual(120);
    expect(gap).toBeLessThanOrEqual(135);
  });

  it('retries at once for a Retry-After date in the past', async () => {
    mock.use(failOnce(503, { 'Retry-After': 'Thu, 01 Jan 1970 00:00:00 GMT' }), succeed());
    const outcome = await run(client().listBoundDevices());
    expect(outcome.ok).toBe(true);
    expect((mock.requests[1]?.at ?? 0) - (mock.requests[0]?.at ?? 0)).toBeLessThanOrEqual(10);
  });

  it('gives up at once, without waiting, when Retry-After is longer than a minute, saying when to come back', async () => {
    mock.use(failOnce(429, { 'Retry-After': '3600' }), succeed());
    const outcome = await run(client().listBoundDevices(), 1000);
    expect(outcome.ok === false && outcome.error).toMatchObject({
      kind: 'http',
      status: 429,
      attempts: 1,
      retryAfterMs: 3_600_000,
    });
    expect(mock.requests).toHaveLength(1);
  });

  it('waits for a long Retry-After when maxRetryAfterMs allows it', async () => {
    mock.use(failOnce(503, { 'Retry-After': '120' }), succeed());
    const outcome = await run(client({ maxRetryAfterMs: 5 * 60_000 }).listBoundDevices(), 200_000);
    expect(outcome.ok).toBe(true);
    expect((mock.requests[1]?.at ?? 0) - (mock.requests[0]?.at ?? 0)).toBeGreaterThanOrEqual(120_000);
  });

  it('fails at once on any Retry-After when maxRetryAfterMs is 0, but still backs off when there is none', async () => {
    mock.use(failOnce(503, { 'Retry-After': '1' }), succeed());
    const withHeader = await run(client({ maxRetryAfterMs: 0 }).listBoundDevices(), 5000);
    expect(withHeader.ok === false && withHeader.error).toMatchObject({ status: 503, retryAfterMs: 1000 });
    mock.requests.length = 0;
    mock.use(failOnce(503), succeed());
    expect((await run(client({ maxRetryAfterMs: 0 }).listBoundDevices())).ok).toBe(true);
    expect(mock.requests).toHaveLength(2);
  });

  it('rejects a negative or non-numeric maxRetryAfterMs at creation', () => {
    expect(() => client({ maxRetryAfterMs: -1 })).toThrow(TypeError);
    expect(() => client({ maxRetryAfterMs: Number.NaN })).toThrow(TypeError);
  });

  it('rejects waits a timer cannot hold (over 2^31 - 1 ms, which setTimeout turns into 1 ms) at creation', () => {
    expect(() => client({ maxRetryAfterMs: Number.POSITIVE_INFINITY })).toThrow(/maxRetryAfterMs/);
    expect(() => client({ maxRetryAfterMs: 2 ** 31 })).toThrow(TypeError);
    expect(() => client({ timeoutMs: Number.POSITIVE_INFINITY })).toThrow(/timeoutMs/);
    expect(() => client({ timeoutMs: 2 ** 31 })).toThrow(TypeError);
    expect(() => client({ timeoutMs: 2 ** 31 - 1, maxRetryAfterMs: 2 ** 31 - 1 })).not.toThrow();
  });

  it('parses Retry-After as RFC 9110 delay-seconds or HTTP-date', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 3 ', now)).toBe(3000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
    expect(parseRetryAfter('2.5', now)).toBeUndefined();
    expect(parseRetryAfter('not a date', now)).toBeUndefined();
  });

  it('signs every attempt with a fresh X-Date, never the first one again', async () => {
    mock.use(
      http.get(DEVICES_URL, () =>
        jsonResponse('{"code":503001,"msg":"busy"}', { status: 503, headers: { 'Retry-After': '5' } }),
      ),
    );
    await run(client().listBoundDevices());
    const dates = mock.requests.map((r) => r.headers['x-date']);
    expect(dates).toHaveLength(3);
    expect(new Set(dates).size).toBe(3);
  });
});

describe('retries by method', () => {
  const http = (status: number) => new KooDriveError('http', `HTTP ${status}`, { status });
  const failures = {
    network: new KooDriveError('network', 'dropped'),
    timeout: new KooDriveError('timeout', 'too slow'),
    ...Object.fromEntries([429, 500, 502, 503, 504].map((status) => [`http ${status}`, http(status)])),
  };

  it('retries GET, HEAD, PUT and DELETE after a network error, a timeout, 429, 502, 503 and 504, never after 500', () => {
    for (const method of ['GET', 'HEAD', 'PUT', 'DELETE']) {
      const retried = Object.entries(failures)
        .filter(([, error]) => isRetryable(error, method))
        .map(([name]) => name);
      expect(retried, method).toEqual(['network', 'timeout', 'http 429', 'http 502', 'http 503', 'http 504']);
    }
  });

  it('retries POST and PATCH only after 429 or 503, when the server says it did not process the request', () => {
    for (const method of ['POST', 'PATCH']) {
      const retried = Object.entries(failures)
        .filter(([, error]) => isRetryable(error, method))
        .map(([name]) => name);
      expect(retried, method).toEqual(['http 429', 'http 503']);
    }
  });

  it('never retries an answer the client refused (api, invalid-response) or an invalid request', () => {
    const refused = [
      new KooDriveError('api', 'refused', { status: 200, code: 1, msg: 'no' }),
      new KooDriveError('invalid-response', 'bad', { status: 200, field: 'body' }),
      new KooDriveError('invalid-request', 'bad', { field: 'deviceId' }),
    ];
    for (const method of ['GET', 'POST']) for (const error of refused) expect(isRetryable(error, method)).toBe(false);
  });
});
