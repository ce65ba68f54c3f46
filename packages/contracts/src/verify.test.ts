import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Verifier } from '@pact-foundation/pact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockProviderCredentials, startMockProvider } from '../scripts/mock-provider.js';
import { EXAMPLE_AUTHORIZATION, EXAMPLE_X_DATE, X_DATE_PATTERN } from './matchers.js';
import { loadProviderStatesFile, verifyKooDriveProvider } from './provider.js';
import { KOODRIVE_PROVIDER } from './states.js';
import { badProviderCredentials, startBadProvider } from './test-support/bad-provider.js';
import { recordClientPact } from './test-support/client-pact.js';

// Provider verification end to end. The pact is recorded here, into a folder of this file's own (vitest runs
// files in parallel: the consumer test's pact in <repo>/pacts may not exist yet or be half-written).
const workDir = mkdtempSync(join(tmpdir(), 'contracts-verify-'));
let pactFile: string;

beforeAll(async () => {
  pactFile = await recordClientPact(join(workDir, 'pacts'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** The verifier's JSON result: rejected with it on failure. */
async function verificationOutcome(run: Promise<string>): Promise<{ passed: boolean; result: string }> {
  return run.then(
    (result) => ({ passed: true, result }),
    (error: unknown) => ({ passed: false, result: error instanceof Error ? error.message : String(error) }),
  );
}

function xDateToMs(value: string): number {
  const [, y, mo, d, h, mi, se] = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value) ?? [];
  return Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${se}Z`);
}

/** The descriptions of the failed interactions (the verifier names them "... Given <state> - <description>"). */
function failedInteractions(result: string): string[] {
  const parsed = JSON.parse(result) as { errors: { interaction: string }[] };
  return parsed.errors.map((error) => error.interaction.replace(/^.* - /, '')).sort();
}

describe('provider verification', () => {
  it('passes against the mock server, each state selecting its account', async () => {
    const mock = await startMockProvider();
    try {
      const outcome = await verificationOutcome(
        verifyKooDriveProvider({
          providerBaseUrl: mock.url,
          source: { kind: 'files', pactUrls: [pactFile] },
          credentials: mockProviderCredentials,
          logLevel: 'error',
        }),
      );
      expect(outcome.passed, outcome.result).toBe(true);
    } finally {
      await mock.close();
    }
  });

  it('fails against a provider that returns deviceId as a number', async () => {
    const bad = await startBadProvider();
    console.log('Expected: the verifier reports a failed interaction (deviceId is a number) below.');
    try {
      const outcome = await verificationOutcome(
        verifyKooDriveProvider({
          providerBaseUrl: bad.url,
          source: { kind: 'files', pactUrls: [pactFile] },
          credentials: badProviderCredentials,
          logLevel: 'error',
        }),
      );
      expect(outcome.passed).toBe(false);
      expect(outcome.result).toContain('deviceId');
      // Only the interaction with devices fails: the bad provider is right about everything else.
      expect(failedInteractions(outcome.result)).toEqual(['a request to list the bound devices']);

      // Every replayed request was re-signed: the state's token and user, an X-Date of now (not the pact's).
      const tokens = [...badProviderCredentials.values()].map((credentials) => `Bearer ${credentials.accessToken}`);
      const users = [...badProviderCredentials.values()].map((credentials) => credentials.userId);
      expect(bad.requests).toHaveLength(3);
      for (const request of bad.requests) {
        expect(tokens).toContain(request.authorization);
        expect(users).toContain(request.userId);
        expect(request.xDate).toMatch(new RegExp(X_DATE_PATTERN));
        expect(Math.abs(xDateToMs(request.xDate as string) - Date.now())).toBeLessThan(60_000);
      }
    } finally {
      await bad.close();
    }
  });

  it('verifies a provider from a KOODRIVE_PROVIDER_STATES file, re-signing each request', async () => {
    const statesFile = join(workDir, 'states.json');
    writeFileSync(statesFile, JSON.stringify(Object.fromEntries(mockProviderCredentials)));
    const mock = await startMockProvider();
    try {
      const outcome = await verificationOutcome(
        verifyKooDriveProvider({
          providerBaseUrl: mock.url,
          source: { kind: 'files', pactUrls: [pactFile] },
          credentials: loadProviderStatesFile(statesFile),
          logLevel: 'error',
        }),
      );
      expect(outcome.passed, outcome.result).toBe(true);
    } finally {
      await mock.close();
    }
  });

  it('fails without re-signing: the provider refuses the placeholder token', async () => {
    const mock = await startMockProvider();
    console.log('Expected: the verifier reports two failed interactions (401 for the placeholder token) below.');
    try {
      const outcome = await verificationOutcome(
        new Verifier({
          provider: KOODRIVE_PROVIDER,
          providerBaseUrl: mock.url,
          pactUrls: [pactFile],
          logLevel: 'error',
        }).verifyProvider(),
      );
      expect(outcome.passed).toBe(false);
      expect(failedInteractions(outcome.result)).toEqual([
        'a request to list the bound devices',
        'a request to list the bound devices of a user without devices',
      ]);
    } finally {
      await mock.close();
    }
  });

  it("replays a generated X-Date, not the pact's example, even without re-signing", async () => {
    const bad = await startBadProvider();
    try {
      await verificationOutcome(
        new Verifier({
          provider: KOODRIVE_PROVIDER,
          providerBaseUrl: bad.url,
          pactUrls: [pactFile],
          logLevel: 'error',
        }).verifyProvider(),
      );
      expect(bad.requests).toHaveLength(3);
      for (const request of bad.requests) {
        expect(request.authorization).toBe(EXAMPLE_AUTHORIZATION);
        expect(request.xDate).toMatch(new RegExp(X_DATE_PATTERN));
        expect(request.xDate).not.toBe(EXAMPLE_X_DATE);
        // The generator formats local time with a literal Z: within a day of now whatever the time zone.
        expect(Math.abs(xDateToMs(request.xDate as string) - Date.now())).toBeLessThan(24 * 3_600_000);
      }
    } finally {
      await bad.close();
    }
  });

  it('never writes a test token into the recorded pact', () => {
    const text = readFileSync(pactFile, 'utf8');
    expect(text).toContain('Bearer example-access-token');
    expect(text).not.toMatch(/kd_at_/);
  });
});
