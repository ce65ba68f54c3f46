import { describe, expect, it } from 'vitest';
import { demoAccount } from './fixtures.js';
import { createKooDriveHandlers } from './handlers.js';
import { call, envelopeOf, fixedNow, validHeaders } from './testing/call.js';

// The request checks after the token (`request-checks.ts`), through the msw handlers: X-User-Id, then X-Date and
// its 15-minute window. The token's own checks, and everything else the handlers do: handlers.test.ts.

const MINUTE = 60_000;
const mock = createKooDriveHandlers({ now: fixedNow });

describe('X-User-Id', () => {
  it('rejects a missing X-User-Id with 400', async () => {
    const { 'X-User-Id': _, ...headers } = validHeaders(demoAccount);
    const answer = await call(mock, headers);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual(envelopeOf('missingUserId'));
  });

  it('rejects an empty X-User-Id with 400', async () => {
    expect((await call(mock, { ...validHeaders(demoAccount), 'X-User-Id': '' })).status).toBe(400);
  });

  it("rejects another user's ID with 403", async () => {
    const answer = await call(mock, { ...validHeaders(demoAccount), 'X-User-Id': 'empty-user' });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text)).toEqual(envelopeOf('userIdMismatch'));
  });

  it('rejects a duplicated X-User-Id (joined by the Headers API) with 403', async () => {
    const headers = Object.entries(validHeaders(demoAccount));
    expect((await call(mock, [...headers, ['X-User-Id', 'demo-user']])).status).toBe(403);
  });

  it('checks X-User-Id before X-Date', async () => {
    const answer = await call(mock, { ...validHeaders(demoAccount), 'X-User-Id': 'someone', 'X-Date': 'x' });
    expect(answer.status).toBe(403);
  });
});

describe('X-Date', () => {
  it('rejects a missing X-Date with 400', async () => {
    const { 'X-Date': _, ...headers } = validHeaders(demoAccount);
    const answer = await call(mock, headers);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual(envelopeOf('missingXDate'));
  });

  it.each(['2026-02-12T10:00:00Z', '20260212T100000', '20260212t100000z', 'Thu, 12 Feb 2026 10:00:00 GMT'])(
    "rejects %j, not yyyyMMdd'T'HHmmss'Z', with 400",
    async (xDate) => {
      const answer = await call(mock, { ...validHeaders(demoAccount), 'X-Date': xDate });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text)).toEqual(envelopeOf('malformedXDate'));
    },
  );

  it.each(['20260230T100000Z', '20261312T100000Z', '20260212T250000Z', '20260212T096000Z'])(
    'rejects the impossible calendar time %j with 400',
    async (xDate) => {
      const answer = await call(mock, { ...validHeaders(demoAccount), 'X-Date': xDate });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text)).toEqual(envelopeOf('impossibleXDate'));
    },
  );

  it('accepts an X-Date 14 minutes old', async () => {
    expect((await call(mock, validHeaders(demoAccount, 14 * MINUTE))).status).toBe(200);
  });

  it('accepts an X-Date exactly 15 minutes old (to the second)', async () => {
    expect((await call(mock, { ...validHeaders(demoAccount), 'X-Date': '20260212T094500Z' })).status).toBe(200);
  });

  it('rejects an X-Date 15 minutes and 1 second old with 401', async () => {
    const answer = await call(mock, { ...validHeaders(demoAccount), 'X-Date': '20260212T094459Z' });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text)).toEqual(envelopeOf('staleXDate'));
  });

  it('rejects an X-Date 16 minutes old with 401', async () => {
    const answer = await call(mock, validHeaders(demoAccount, 16 * MINUTE));
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text)).toEqual(envelopeOf('staleXDate'));
  });

  it('rejects an X-Date 60 seconds in the future with 401', async () => {
    const answer = await call(mock, validHeaders(demoAccount, -MINUTE));
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text)).toEqual(envelopeOf('futureXDate'));
  });

  it('accepts an X-Date in the same second as the clock, whose milliseconds it cannot carry', async () => {
    // NOW is 10:00:00.500; 10:00:00 is not in the future once the clock is truncated to the second.
    expect((await call(mock, { ...validHeaders(demoAccount), 'X-Date': '20260212T100000Z' })).status).toBe(200);
  });

  it('rejects an X-Date one second ahead of the clock with 401', async () => {
    expect((await call(mock, { ...validHeaders(demoAccount), 'X-Date': '20260212T100001Z' })).status).toBe(401);
  });
});
