import { demoAccount, emptyAccount } from '@koodrive-device/mocks';
import { providerStates } from '../states.js';
import type { ProviderStateCredentials } from './states-file.js';
import { type VerifyProviderOptions, verifyKooDriveProvider } from './verifier-options.js';

/**
 * The `@koodrive-device/mocks` server's account per provider state: the demo account has the reference's two
 * devices, the empty account none. The invalid-token state needs no entry: the verifier sends a token the mock
 * does not know, and it answers 401.
 */
export const mockProviderCredentials: ProviderStateCredentials = new Map([
  [providerStates.boundDevices, { accessToken: demoAccount.accessToken, userId: demoAccount.userId }],
  [providerStates.noBoundDevices, { accessToken: emptyAccount.accessToken, userId: emptyAccount.userId }],
]);

/** A running mock provider. */
export interface MockProvider {
  url: string;
  close(): Promise<void>;
}

/** Starts `@koodrive-device/mocks`' standalone server on a free loopback port (default accounts, real clock). */
export async function startMockProvider(): Promise<MockProvider> {
  // Loaded on demand: verifying staging never needs msw.
  const { startKooDriveMockServer } = await import('@koodrive-device/mocks/node');
  const server = await startKooDriveMockServer({ port: 0, host: '127.0.0.1' });
  return { url: server.url, close: () => server.close() };
}

/**
 * Verifies pact files against a freshly started mock server (with {@link mockProviderCredentials}) and stops it.
 * Resolves with the verifier's JSON result; rejects when verification fails.
 */
export async function verifyAgainstMockServer(
  options: { pactUrls: readonly string[] } & Pick<VerifyProviderOptions, 'logLevel' | 'now'>,
): Promise<string> {
  const mock = await startMockProvider();
  try {
    return await verifyKooDriveProvider({
      providerBaseUrl: mock.url,
      source: { kind: 'files', pactUrls: options.pactUrls },
      credentials: mockProviderCredentials,
      ...(options.logLevel === undefined ? {} : { logLevel: options.logLevel }),
      ...(options.now === undefined ? {} : { now: options.now }),
    });
  } finally {
    await mock.close();
  }
}
