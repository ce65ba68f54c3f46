import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { X_DATE_PATTERN } from './matchers.js';
import {
  brokerConfigFromEnv,
  createResigningHooks,
  type FilterRequest,
  findPactFiles,
  kooDriveVerifierOptions,
  loadProviderStatesFile,
  ProviderSetupError,
  parseProviderStates,
  providerStatesInPacts,
  publishPacts,
  signingXDate,
  verifyKooDriveProvider,
  X_DATE_SIGNING_MARGIN_MS,
} from './provider.js';
import { KOODRIVE_PROVIDER, providerStates } from './states.js';
import { xDateToMs } from './test-support/x-date.js';

const SECRET = 'stg-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const workDir = mkdtempSync(join(tmpdir(), 'contracts-provider-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function writeJson(name: string, value: unknown): string {
  const file = join(workDir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

function pactWithStates(consumer: string, provider: string, states: string[]) {
  return {
    consumer: { name: consumer },
    provider: { name: provider },
    interactions: states.map((name) => ({ description: name, providerStates: [{ name }] })),
  };
}

describe('provider states file', () => {
  it('reads credentials per state', () => {
    const credentials = parseProviderStates({
      [providerStates.boundDevices]: { accessToken: SECRET, userId: 'user-1' },
      [providerStates.noBoundDevices]: { accessToken: 'other-token', userId: 'user-2' },
    });
    expect(credentials.get(providerStates.boundDevices)).toEqual({ accessToken: SECRET, userId: 'user-1' });
    expect(credentials.size).toBe(2);
  });

  it('names the state and field at fault without repeating any value', () => {
    const attempt = () =>
      parseProviderStates({ [providerStates.boundDevices]: { accessToken: SECRET, userId: '' } }, 'states.json');
    expect(attempt).toThrow(ProviderSetupError);
    expect(attempt).toThrow(
      `states.json: state "${providerStates.boundDevices}" needs a non-empty one-line string "userId"`,
    );
    try {
      attempt();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(SECRET);
    }
  });

  it('rejects documents that are not a map of states', () => {
    expect(() => parseProviderStates([])).toThrow(/must be a JSON object/);
    expect(() => parseProviderStates({})).toThrow(/names no provider state/);
    expect(() => parseProviderStates({ s: 'token' })).toThrow(/state "s" must be an object/);
    expect(() => parseProviderStates({ s: { accessToken: 'a\nb', userId: 'u' } })).toThrow(/"accessToken"/);
  });

  it('reports a broken JSON file without quoting its content', () => {
    const file = writeJson('broken.json', `{ "x": { "accessToken": "${SECRET}" `);
    expect(() => loadProviderStatesFile(file)).toThrow(`The provider states file ${file} is not valid JSON`);
    expect(() => loadProviderStatesFile(join(workDir, 'missing.json'))).toThrow(/Cannot read .* \(ENOENT\)/);
  });
});

describe('re-signing replayed requests', () => {
  const credentials = parseProviderStates({
    [providerStates.boundDevices]: { accessToken: SECRET, userId: 'staging-user' },
  });
  const now = () => new Date('2026-03-01T12:34:56.789Z');
  const request = (headers: FilterRequest['headers'], path = '/koodrive/ose/v1/backup/device'): FilterRequest => ({
    path,
    headers,
  });

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
    (hooks.requestFilter as unknown as (r: FilterRequest, s: unknown, n: () => void) => void)(replayed, {}, () => {
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

describe('pact files', () => {
  it('finds the pacts written against the provider and the states they use', () => {
    const dir = mkdtempSync(join(workDir, 'pacts-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify(pactWithStates('a', KOODRIVE_PROVIDER, ['s1', 's2'])));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(pactWithStates('b', 'another-provider', ['s3'])));
    writeFileSync(
      join(dir, 'c.json'),
      JSON.stringify({ ...pactWithStates('c', KOODRIVE_PROVIDER, []), interactions: [{ providerState: 's0' }] }),
    );
    writeFileSync(join(dir, 'notes.txt'), 'not a pact');
    const files = findPactFiles(dir);
    expect(files).toEqual([join(dir, 'a.json'), join(dir, 'c.json')]);
    expect(providerStatesInPacts(files)).toEqual(['s0', 's1', 's2']);
    expect(findPactFiles(join(dir, 'missing'))).toEqual([]);
  });

  it('refuses to verify when a state used by the pacts has no credentials', async () => {
    const file = writeJson(
      'needs-states.json',
      pactWithStates('x', KOODRIVE_PROVIDER, [providerStates.noBoundDevices]),
    );
    await expect(
      verifyKooDriveProvider({
        providerBaseUrl: 'http://127.0.0.1:9',
        source: { kind: 'files', pactUrls: [file] },
        credentials: parseProviderStates({ [providerStates.boundDevices]: { accessToken: 't', userId: 'u' } }),
      }),
    ).rejects.toThrow(`No credentials for the provider state(s): "${providerStates.noBoundDevices}"`);
  });
});

describe('Pact Broker (optional)', () => {
  it('is off when PACT_BROKER_BASE_URL is not set', () => {
    expect(brokerConfigFromEnv({})).toBeUndefined();
    expect(brokerConfigFromEnv({ PACT_BROKER_BASE_URL: '  ', PACT_BROKER_TOKEN: 't' })).toBeUndefined();
  });

  it('reads the broker URL and credentials when set', () => {
    expect(brokerConfigFromEnv({ PACT_BROKER_BASE_URL: 'https://broker.example/', PACT_BROKER_TOKEN: 'tok' })).toEqual({
      baseUrl: 'https://broker.example',
      token: 'tok',
    });
    expect(() => brokerConfigFromEnv({ PACT_BROKER_BASE_URL: 'not a url' })).toThrow(ProviderSetupError);
  });

  it('verifies from local files unless a broker is given', () => {
    const credentials = parseProviderStates({ s: { accessToken: 't', userId: 'u' } });
    const files = kooDriveVerifierOptions({
      providerBaseUrl: 'http://127.0.0.1:1',
      source: { kind: 'files', pactUrls: ['/tmp/a.json'] },
      credentials,
    });
    expect(files).toMatchObject({ provider: KOODRIVE_PROVIDER, pactUrls: ['/tmp/a.json'], logLevel: 'warn' });
    expect(files).not.toHaveProperty('pactBrokerUrl');

    const broker = kooDriveVerifierOptions({
      providerBaseUrl: 'http://127.0.0.1:1',
      source: {
        kind: 'broker',
        broker: { baseUrl: 'https://broker.example', token: 'tok' },
        providerVersion: 'abc123',
        publishVerificationResult: true,
      },
      credentials,
    });
    expect(broker).toMatchObject({
      pactBrokerUrl: 'https://broker.example',
      pactBrokerToken: 'tok',
      enablePending: true,
      publishVerificationResult: true,
      providerVersion: 'abc123',
      consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }, { matchingBranch: true }],
    });
    expect(broker).not.toHaveProperty('pactUrls');
    expect(() =>
      kooDriveVerifierOptions({
        providerBaseUrl: 'http://127.0.0.1:1',
        source: { kind: 'broker', broker: { baseUrl: 'https://broker.example' }, publishVerificationResult: true },
        credentials,
      }),
    ).toThrow(/needs a provider version/);
  });

  it('publishes each consumer with the broker contracts API, and reports a refusal without the token', async () => {
    const file = writeJson('publish.json', pactWithStates('device-dashboard', KOODRIVE_PROVIDER, []));
    const calls: { url: string; init: RequestInit }[] = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response('{}', { status: calls.length === 1 ? 200 : 401, statusText: 'Unauthorized' });
    }) as unknown as typeof fetch;
    const broker = { baseUrl: 'https://broker.example', token: SECRET };

    await expect(
      publishPacts({ broker, pactFiles: [file], consumerVersion: 'v1', branch: 'main', fetch: fakeFetch }),
    ).resolves.toEqual(['device-dashboard']);
    expect(calls[0]?.url).toBe('https://broker.example/contracts/publish');
    expect((calls[0]?.init.headers as Record<string, string>).Authorization).toBe(`Bearer ${SECRET}`);
    const body = JSON.parse(String(calls[0]?.init.body));
    expect(body).toMatchObject({ pacticipantName: 'device-dashboard', pacticipantVersionNumber: 'v1', branch: 'main' });
    expect(body.contracts[0]).toMatchObject({ consumerName: 'device-dashboard', providerName: KOODRIVE_PROVIDER });
    expect(JSON.parse(Buffer.from(body.contracts[0].content, 'base64').toString('utf8')).consumer.name).toBe(
      'device-dashboard',
    );

    const refused = publishPacts({ broker, pactFiles: [file], consumerVersion: 'v1', fetch: fakeFetch });
    await expect(refused).rejects.toThrow(
      'The Pact Broker refused the pacts of device-dashboard: HTTP 401 Unauthorized',
    );
    await refused.catch((error: Error) => expect(error.message).not.toContain(SECRET));
  });
});
