import { describe, expect, it } from 'vitest';
import { KOODRIVE_PROVIDER, providerStates } from '../states.js';
import { pactWithStates, useTempDir } from '../test-support/temp-dir.js';
import { parseProviderStates } from './states-file.js';
import { kooDriveVerifierOptions, verifyKooDriveProvider } from './verifier-options.js';

const temp = useTempDir('contracts-verifier-options-');
const credentials = parseProviderStates({ s: { accessToken: 't', userId: 'u' } });

describe('verifier options', () => {
  it('verifies from local files unless a broker is given', () => {
    const files = kooDriveVerifierOptions({
      providerBaseUrl: 'http://127.0.0.1:1',
      source: { kind: 'files', pactUrls: ['/tmp/a.json'] },
      credentials,
    });
    expect(files).toMatchObject({ provider: KOODRIVE_PROVIDER, pactUrls: ['/tmp/a.json'], logLevel: 'warn' });
    expect(files).not.toHaveProperty('pactBrokerUrl');
    expect(() =>
      kooDriveVerifierOptions({
        providerBaseUrl: 'http://127.0.0.1:1',
        source: { kind: 'files', pactUrls: [] },
        credentials,
      }),
    ).toThrow('No pact file to verify');
  });

  it('verifies the broker’s pacts with selectors and pending pacts, publishing only with a provider version', () => {
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

  it('refuses to verify when a state used by the pacts has no credentials, the invalid-token state excepted', async () => {
    const file = temp.write(
      'needs-states.json',
      pactWithStates('x', KOODRIVE_PROVIDER, [providerStates.noBoundDevices, providerStates.invalidAccessToken]),
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
