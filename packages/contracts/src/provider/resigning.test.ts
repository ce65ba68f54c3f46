import { describe, expect, it } from 'vitest';
import { X_DATE_PATTERN } from '../matchers.js';
import { providerStates } from '../states.js';
import { xDateToMs } from '../test-support/x-date.js';
import { createResigningHooks, type FilterRequest, signingXDate, X_DATE_SIGNING_MARGIN_MS } from './resigning.js';
import { parseProviderStates } from './states-file.js';

const SECRET = 'stg-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const credentials = parseProviderStates({
  [providerStates.boundDevices]: { accessToken: SECRET, userId: 'staging-user' },
});
const now = () => new Date('2026-03-01T12:34:56.789Z');
const request = (headers: FilterRequest['headers'], path = '/koodrive/ose/v1/backup/device'): FilterRequest => ({
  path,
  headers,
});

describe('re-signing replayed requests', () => {
  it("signs with the state's token and user and a fresh X-Date", async () => {
    const hooks = createResigningHooks(credentials, { now });
    await hooks.stateHandlers[providerStates.boundDevices]?.setup();
    expect(hooks.currentState).toBe(providerStates.boundDevices);
    const replayed = request({
      authorization: 'Bearer example-access-token',
      'x-user-id': 'demo-user',
      'x-date': '20251103T070140Z',
    });
    let nextCalled = false;
    hooks.requestFilter(replayed, {}, () => {
      nextCalled = true;
    });
    expect(nextCalled).toBe(true);
    expect(replayed.headers).toEqual({
      authorization: `Bearer ${SECRET}`,
      'x-user-id': 'staging-user',
      'x-date': '20260301T123454Z',
    });
    expect(replayed.headers['x-date']).toMatch(new RegExp(X_DATE_PATTERN));
  });

  it('adds no header the interaction left out, and stops signing after teardown', async () => {
    const hooks = createResigningHooks(credentials, { now });
    await hooks.stateHandlers[providerStates.boundDevices]?.setup();
    const withoutUser = request({ authorization: 'Bearer x', 'x-date': '20251103T070140Z' });
    hooks.resign(withoutUser);
    expect(withoutUser.headers).toEqual({ authorization: `Bearer ${SECRET}`, 'x-date': '20260301T123454Z' });

    await hooks.stateHandlers[providerStates.boundDevices]?.teardown();
    expect(hooks.currentState).toBeUndefined();
    const afterTeardown = request({ authorization: 'Bearer example-access-token', 'x-date': '20251103T070140Z' });
    hooks.resign(afterTeardown);
    expect(afterTeardown.headers.authorization).toBe('Bearer example-access-token');
  });

  it('sends a fresh unknown token for the invalid-token state when no credentials are given for it', async () => {
    const hooks = createResigningHooks(credentials, { now });
    const tokens: unknown[] = [];
    for (let i = 0; i < 2; i += 1) {
      await hooks.stateHandlers[providerStates.invalidAccessToken]?.setup();
      const replayed = request({
        authorization: 'Bearer example-access-token',
        'x-user-id': 'demo-user',
        'x-date': 'x',
      });
      hooks.resign(replayed);
      expect(replayed.headers['x-user-id']).toBe('demo-user');
      expect(replayed.headers['x-date']).toBe('20260301T123454Z');
      tokens.push(replayed.headers.authorization);
    }
    expect(tokens[0]).toMatch(/^Bearer unknown-[0-9a-f-]{36}$/);
    expect(tokens[1]).not.toBe(tokens[0]);
    expect(tokens).not.toContain(`Bearer ${SECRET}`);
  });

  it('uses the credentials given for the invalid-token state (e.g. a revoked token) instead', async () => {
    const withRevoked = parseProviderStates({
      [providerStates.invalidAccessToken]: { accessToken: 'revoked-1', userId: 'user-r' },
    });
    const hooks = createResigningHooks(withRevoked, { now });
    await hooks.stateHandlers[providerStates.invalidAccessToken]?.setup();
    const replayed = request({ authorization: 'Bearer example-access-token', 'x-user-id': 'demo-user' });
    hooks.resign(replayed);
    expect(replayed.headers).toEqual({ authorization: 'Bearer revoked-1', 'x-user-id': 'user-r' });
  });

  it('signs X-Date 2 s before now, so a provider whose clock is a little behind does not see a future time', async () => {
    expect(X_DATE_SIGNING_MARGIN_MS).toBe(2_000);
    const at = new Date('2026-03-01T12:34:56.000Z');
    const hooks = createResigningHooks(credentials, { now: () => at });
    await hooks.stateHandlers[providerStates.boundDevices]?.setup();
    const replayed = request({ 'x-date': '20251103T070140Z' });
    hooks.resign(replayed);
    expect(replayed.headers['x-date']).toBe('20260301T123454Z');
    const signed = xDateToMs(replayed.headers['x-date'] as string);
    // The provider checks X-Date <= its own now: a provider clock 1.5 s behind the verifier's still accepts it.
    const providerNow = at.getTime() - 1_500;
    expect(signed).toBeLessThanOrEqual(providerNow);
    // ... and the margin is small: well inside the 15-minute window.
    expect(at.getTime() - signed).toBeLessThan(X_DATE_SIGNING_MARGIN_MS + 1_000);
    expect(signingXDate(new Date('2026-03-01T00:00:01.500Z'))).toBe('20260228T235959Z');
  });

  it("leaves Pact's own state-setup calls alone", async () => {
    const hooks = createResigningHooks(credentials, { now });
    await hooks.stateHandlers[providerStates.boundDevices]?.setup();
    const setupCall = request({ authorization: 'Bearer keep', 'x-date': 'keep' }, '/_pactSetup');
    hooks.resign(setupCall);
    expect(setupCall.headers).toEqual({ authorization: 'Bearer keep', 'x-date': 'keep' });
  });
});
