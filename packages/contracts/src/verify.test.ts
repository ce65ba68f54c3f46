import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DATE_TIME_PATTERN,
  EXAMPLE_AUTHORIZATION,
  EXAMPLE_X_DATE,
  X_DATE_FORMAT,
  X_DATE_PATTERN,
  X_USER_ID_PATTERN,
} from './matchers.js';
import {
  loadProviderStatesFile,
  mockProviderCredentials,
  type ProviderStateCredentials,
  startMockProvider,
  verifyAgainstMockServer,
  verifyKooDriveProvider,
  X_DATE_SIGNING_MARGIN_MS,
} from './provider.js';
import { badProviderCredentials, startBadProvider } from './test-support/bad-provider.js';
import { recordClientPact } from './test-support/client-pact.js';
import { verifyOutOfSight } from './test-support/verify-out-of-sight.js';
import { expectCurrentXDates, xDateToMs } from './test-support/x-date.js';

// Provider verification end to end. The pact is recorded here, into a folder of this file's own (vitest runs
// files in parallel: the consumer test's pact in <repo>/pacts may not exist yet or be half-written). The runs
// that must fail go through verifyOutOfSight: a child process, so Pact's red report stays out of a passing run.
const workDir = mkdtempSync(join(tmpdir(), 'contracts-verify-'));
let pactFile: string;

beforeAll(async () => {
  pactFile = await recordClientPact(join(workDir, 'pacts'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// No time limit (0): a child-process verification takes what a busy machine needs; the verdict is its result.
const CHILD_PROCESS_TIMEOUT_MS = 0;

/** The verifier's JSON result: rejected with it on failure. */
async function verificationOutcome(run: Promise<string>): Promise<{ passed: boolean; result: string }> {
  return run.then(
    (result) => ({ passed: true, result }),
    (error: unknown) => ({ passed: false, result: error instanceof Error ? error.message : String(error) }),
  );
}

/** Verifies the recorded pact file against a provider with our verifier (re-signing with `credentials`). */
function verifyLocalPact(providerBaseUrl: string, credentials: ProviderStateCredentials): Promise<string> {
  return verifyKooDriveProvider({
    providerBaseUrl,
    source: { kind: 'files', pactUrls: [pactFile] },
    credentials,
    logLevel: 'error',
  });
}

/** The descriptions of the failed interactions (the verifier names them "... Given <state> - <description>"). */
function failedInteractions(result: string): string[] {
  const parsed = JSON.parse(result) as { errors: { interaction: string }[] };
  return parsed.errors.map((error) => error.interaction.replace(/^.* - /, '')).sort();
}

describe('provider verification', () => {
  it('passes against the mock server, each state selecting its account (verifyAgainstMockServer)', async () => {
    const outcome = await verificationOutcome(verifyAgainstMockServer({ pactUrls: [pactFile], logLevel: 'error' }));
    expect(outcome.passed, outcome.result).toBe(true);
  });

  it(
    'fails against a provider that returns deviceId as a number',
    async () => {
      const bad = await startBadProvider();
      try {
        const outcome = await verifyOutOfSight({
          providerBaseUrl: bad.url,
          pactFile,
          credentials: badProviderCredentials,
        });
        expect(outcome.passed).toBe(false);
        expect(outcome.result).toContain('deviceId');
        // Only the interaction with devices fails: the bad provider is right about everything else.
        expect(failedInteractions(outcome.result)).toEqual(['a request to list the bound devices']);

        // Every replayed request was re-signed: the state's token and user, and an X-Date of now minus the signing
        // margin (not the pact's example, never in the provider's future).
        const tokens = [...badProviderCredentials.values()].map((credentials) => `Bearer ${credentials.accessToken}`);
        const users = [...badProviderCredentials.values()].map((credentials) => credentials.userId);
        expect(bad.requests).toHaveLength(3);
        for (const request of bad.requests) {
          expect(tokens).toContain(request.authorization);
          expect(users).toContain(request.userId);
        }
        expectCurrentXDates(bad.requests, X_DATE_SIGNING_MARGIN_MS);
      } finally {
        await bad.close();
      }
    },
    CHILD_PROCESS_TIMEOUT_MS,
  );

  it('verifies a provider from a KOODRIVE_PROVIDER_STATES file, re-signing each request', async () => {
    const statesFile = join(workDir, 'states.json');
    writeFileSync(statesFile, JSON.stringify(Object.fromEntries(mockProviderCredentials)));
    const mock = await startMockProvider();
    try {
      const outcome = await verificationOutcome(verifyLocalPact(mock.url, loadProviderStatesFile(statesFile)));
      expect(outcome.passed, outcome.result).toBe(true);
    } finally {
      await mock.close();
    }
  });

  it(
    'fails without re-signing: the provider refuses the placeholder token',
    async () => {
      const mock = await startMockProvider();
      try {
        const outcome = await verifyOutOfSight({ providerBaseUrl: mock.url, pactFile });
        expect(outcome.passed).toBe(false);
        expect(failedInteractions(outcome.result)).toEqual([
          'a request to list the bound devices',
          'a request to list the bound devices of a user without devices',
        ]);
      } finally {
        await mock.close();
      }
    },
    CHILD_PROCESS_TIMEOUT_MS,
  );

  it(
    "replays a freshly generated X-Date, not the pact's example, even without re-signing",
    async () => {
      const bad = await startBadProvider();
      try {
        await verifyOutOfSight({ providerBaseUrl: bad.url, pactFile });
        expect(bad.requests).toHaveLength(3);
        // The DateTime generator formats this process's local time with a literal Z (verify-timezone.test.ts
        // checks each zone in its own process): so it is now, shifted by exactly the local UTC offset.
        const localShiftMs = -new Date().getTimezoneOffset() * 60_000;
        for (const request of bad.requests) {
          expect(request.authorization).toBe(EXAMPLE_AUTHORIZATION);
          expect(request.xDate).toMatch(new RegExp(X_DATE_PATTERN));
          expect(request.xDate).not.toBe(EXAMPLE_X_DATE);
          const shiftMs = xDateToMs(request.xDate as string) - Date.now();
          expect(Math.abs(shiftMs - localShiftMs), `X-Date ${request.xDate}`).toBeLessThan(60_000);
        }
      } finally {
        await bad.close();
      }
    },
    CHILD_PROCESS_TIMEOUT_MS,
  );

  it('passes against a provider whose createTime has no milliseconds or an offset (RFC 3339, as the spec)', async () => {
    const devices = [
      {
        deviceId: '1775406005920779393',
        machineCode: '1',
        deviceName: 'A',
        deviceOS: 'android',
        createTime: '2026-04-06T08:54:52Z',
      },
      {
        deviceId: '1842812272691451648',
        machineCode: '2',
        deviceName: 'B',
        deviceOS: 'android',
        createTime: '2026-04-06T08:54:52.123+08:00',
      },
    ];
    const provider = await startBadProvider({
      devicesBody: JSON.stringify({ code: 0, msg: 'success', data: devices }),
    });
    try {
      const outcome = await verificationOutcome(verifyLocalPact(provider.url, badProviderCredentials));
      expect(outcome.passed, outcome.result).toBe(true);
    } finally {
      await provider.close();
    }
  });

  it(
    'fails against a provider whose createTime is not an RFC 3339 date-time',
    async () => {
      const device = { deviceId: '1775406005920779393', machineCode: '1', deviceName: 'A', deviceOS: 'android' };
      const body = { code: 0, msg: 'success', data: [{ ...device, createTime: '2026-04-06 08:54:52' }] };
      const provider = await startBadProvider({ devicesBody: JSON.stringify(body) });
      try {
        const outcome = await verifyOutOfSight({
          providerBaseUrl: provider.url,
          pactFile,
          credentials: badProviderCredentials,
        });
        expect(outcome.passed).toBe(false);
        expect(outcome.result).toContain('createTime');
        expect(failedInteractions(outcome.result)).toEqual(['a request to list the bound devices']);
      } finally {
        await provider.close();
      }
    },
    CHILD_PROCESS_TIMEOUT_MS,
  );

  it('records X-Date as a DateTime matcher with a DateTime generator, X-User-Id and createTime by regex', () => {
    const pact = JSON.parse(readFileSync(pactFile, 'utf8')) as {
      interactions: {
        request: {
          matchingRules: { header: Record<string, { matchers: Record<string, unknown>[] }> };
          generators?: { header?: Record<string, unknown> };
        };
        response: { matchingRules?: { body?: Record<string, { matchers: Record<string, unknown>[] }> } };
      }[];
    };
    expect(pact.interactions).toHaveLength(3);
    for (const { request } of pact.interactions) {
      expect(request.matchingRules.header['X-Date']?.matchers).toEqual([{ match: 'datetime', format: X_DATE_FORMAT }]);
      expect(request.generators?.header?.['X-Date']).toEqual({ type: 'DateTime', format: X_DATE_FORMAT });
      expect(request.matchingRules.header['X-User-Id']?.matchers).toEqual([
        { match: 'regex', regex: X_USER_ID_PATTERN },
      ]);
    }
    const withDevices = pact.interactions.find((interaction) => interaction.response.matchingRules?.body);
    expect(withDevices?.response.matchingRules?.body?.['$.data[*].createTime']?.matchers).toEqual([
      { match: 'regex', regex: DATE_TIME_PATTERN },
    ]);
  });

  it('never writes a test token into the recorded pact', () => {
    const text = readFileSync(pactFile, 'utf8');
    expect(text).toContain('Bearer example-access-token');
    expect(text).not.toMatch(/kd_at_/);
  });
});
