import { demoAccount, emptyAccount } from '@koodrive-device/mocks';
import { startKooDriveMockServer } from '@koodrive-device/mocks/node';
import type { ProviderStateCredentials } from '../src/provider.js';
import { providerStates } from '../src/states.js';

/** A token the mock server does not know: it answers 401, which is what the invalid-token state needs. */
export const MOCK_INVALID_TOKEN = 'revoked-token-unknown-to-the-mock';

/**
 * The mock server's account per provider state: the demo account has the reference's two devices, the empty
 * account none, and an unknown token stands for an invalid one.
 */
export const mockProviderCredentials: ProviderStateCredentials = new Map([
  [providerStates.boundDevices, { accessToken: demoAccount.accessToken, userId: demoAccount.userId }],
  [providerStates.noBoundDevices, { accessToken: emptyAccount.accessToken, userId: emptyAccount.userId }],
  [providerStates.invalidAccessToken, { accessToken: MOCK_INVALID_TOKEN, userId: demoAccount.userId }],
]);

/** Starts `@koodrive-device/mocks`' standalone server on a free loopback port (default accounts, real clock). */
export async function startMockProvider(): Promise<{ url: string; close(): Promise<void> }> {
  const server = await startKooDriveMockServer({ port: 0, host: '127.0.0.1' });
  return { url: server.url, close: () => server.close() };
}
