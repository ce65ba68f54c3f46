import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { PLAUSIBLE_FROM, PLAUSIBLE_TO, ServerClock, SIGNING_MARGIN_MS } from './clock.js';
import { createKooDriveClient } from './index.js';
import { BASE_URL, DEVICES_URL, jsonResponse, referenceBodyText, useMockServer } from './testing/harness.js';

const mock = useMockServer();

const MINUTE = 60_000;

function demoClient() {
  return createKooDriveClient({ baseUrl: BASE_URL, accessToken: 'token-1', userId: 'user-1' });
}

describe('clock learning', () => {
  it('makes at most one corrective retry per call, even if the server keeps rejecting the X-Date', async () => {
    // A server whose Date header lies (2 h ahead of the clock it checks X-Date against).
    let serverSkew = 0;
    mock.use(
      http.get(DEVICES_URL, () => {
        serverSkew += 60 * MINUTE;
        return jsonResponse('{"code":401003,"msg":"X-Date is more than 15 minutes old"}', {
          status: 401,
          headers: { Date: new Date(Date.now() + serverSkew).toUTCString() },
        });
      }),
    );
    const error = await demoClient()
      .listBoundDevices()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'http', status: 401, attempts: 2 });
    expect(mock.requests).toHaveLength(2);
  });

  it('learns the offset from successful answers too', async () => {
    mock.use(
      http.get(DEVICES_URL, () =>
        jsonResponse(referenceBodyText(), { headers: { Date: new Date(Date.now() - 30 * MINUTE).toUTCString() } }),
      ),
    );
    const client = demoClient();
    await client.listBoundDevices();
    await client.listBoundDevices();
    const [first, second] = mock.requests.map((r) => r.headers['x-date'] ?? '');
    expect(first && second && first > second).toBe(true); // the second is signed ~30 min earlier
  });
});

describe('a Date header no server could send', () => {
  it.each([
    ['year 10001', 'Mon, 01 Jan 10001 00:00:00 GMT'],
    ['a negative year', '-000050-06-01T00:00:00Z'],
    ['1970 (a clock that lost its battery)', 'Thu, 01 Jan 1970 00:00:00 GMT'],
  ])(
    'is not learned (%s): the next call is still signed and sent, and the next good answer is learned',
    async (_label, bad) => {
      expect(Number.isNaN(Date.parse(bad))).toBe(false); // Date.parse reads it: only the plausibility check refuses it
      const good = new Date(Date.now() - 30 * MINUTE).toUTCString();
      let answer = 0;
      mock.use(
        http.get(DEVICES_URL, () => {
          answer++;
          return jsonResponse(referenceBodyText(), { headers: { Date: answer === 1 ? bad : good } });
        }),
      );
      const client = demoClient();
      await client.listBoundDevices();
      await client.listBoundDevices(); // would throw before sending if the bad Date had been learned
      await client.listBoundDevices();
      expect(mock.requests).toHaveLength(3);
      const [first, second, third] = mock.requests.map((r) => r.headers['x-date'] ?? '');
      expect(second?.slice(0, 9)).toBe(first?.slice(0, 9)); // same day: nothing learned from the bad header
      expect(third && second && third < second).toBe(true); // the good header (30 min behind) was learned
    },
  );
});

describe('ServerClock', () => {
  it('learns only server times from 2000 to 9999, which an X-Date can express', () => {
    const clock = new ServerClock();
    clock.offsetMs = 42;
    expect(clock.learn(new Date(PLAUSIBLE_TO + 1000).toUTCString(), Date.now())).toBeUndefined();
    expect(clock.learn(new Date(PLAUSIBLE_FROM - 1000).toUTCString(), Date.now())).toBeUndefined();
    expect(clock.offsetMs).toBe(42);
    expect(clock.learn(new Date(PLAUSIBLE_FROM).toUTCString(), PLAUSIBLE_FROM)).toBe(PLAUSIBLE_FROM);
    expect(clock.offsetMs).toBe(0);
  });

  it('takes serverDate − receivedAt as the offset: a lower bound, never ahead of the server', () => {
    const clock = new ServerClock();
    const serverDate = clock.learn('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('2015-10-21T07:38:00.400Z'));
    expect(serverDate).toBe(Date.parse('2015-10-21T07:28:00Z'));
    expect(clock.offsetMs).toBe(-600_400);
  });

  it('ignores a missing or unparsable Date header', () => {
    const clock = new ServerClock();
    clock.offsetMs = 1234;
    expect(clock.learn(null, Date.now())).toBeUndefined();
    expect(clock.learn('yesterday', Date.now())).toBeUndefined();
    expect(clock.offsetMs).toBe(1234);
  });

  it('signs whole seconds, at least the margin behind the estimated server time', () => {
    const clock = new ServerClock();
    clock.offsetMs = 5_000;
    const before = Date.now();
    const signed = clock.signingTime();
    expect(signed % 1000).toBe(0);
    expect(signed).toBeLessThanOrEqual(before + 5_000 - SIGNING_MARGIN_MS + 1000);
    expect(signed).toBeGreaterThan(before + 5_000 - SIGNING_MARGIN_MS - 1000);
  });
});
