import { join } from 'node:path';
import { createKooDriveClient } from '@koodrive-device/client';
import { createKooDrivePact, listBoundDevicesInteraction } from '../interactions.js';
import { EXAMPLE_USER_ID, exampleBoundDevice } from '../matchers.js';
import { KOODRIVE_CLIENT_CONSUMER, KOODRIVE_PROVIDER, providerStates } from '../states.js';

/**
 * Secret-looking tokens the client sends to the Pact mock server in these tests. None of them may end up in a
 * pact file (the pact records only `EXAMPLE_AUTHORIZATION`); the consumer test checks every written pact.
 */
export const TEST_ACCESS_TOKEN = 'kd_at_7Q2xY9pL4mN8vR3tW6zB1cF5hJ0kS2dG';
export const TEST_INVALID_ACCESS_TOKEN = 'kd_at_EXPIRED0c9b8a7f6e5d4c3b2a1f0e9d8c';
export const TEST_TOKENS: readonly string[] = [TEST_ACCESS_TOKEN, TEST_INVALID_ACCESS_TOKEN];

/**
 * The real client pointed at the Pact mock server, with the largest timeout a timer holds, so a busy machine's slow
 * answer never fails a test. Two attempts: the second is made only after a failure of the transport (a connection
 * the mock server, just started on a busy machine, refused or dropped), never after an answer the mock server gave
 * (a mismatch is a 500, which the client does not retry); a request that did reach it twice would fail the pact.
 */
export function clientFor(baseUrl: string, accessToken: string = TEST_ACCESS_TOKEN) {
  return createKooDriveClient({
    baseUrl,
    accessToken,
    userId: EXAMPLE_USER_ID,
    maxAttempts: 2,
    timeoutMs: 2_147_483_647,
  });
}

/** The pact file `createKooDrivePact` writes for this package's consumer into `dir`. */
export function clientPactFile(dir: string): string {
  return join(dir, `${KOODRIVE_CLIENT_CONSUMER}-${KOODRIVE_PROVIDER}.json`);
}

/**
 * Records this package's three interactions into `dir`, driving the real client (the same interactions as
 * `client.consumer.test.ts`, for tests that need a fresh pact of their own, e.g. the verification test).
 */
export async function recordClientPact(dir: string): Promise<string> {
  const pact = createKooDrivePact({ consumer: KOODRIVE_CLIENT_CONSUMER, dir });
  await listBoundDevicesInteraction(pact, { state: providerStates.boundDevices }).executeTest(async (server) => {
    const devices = await clientFor(server.url).listBoundDevices();
    if (devices[0]?.deviceId !== exampleBoundDevice.deviceId) throw new Error('unexpected devices');
  });
  await listBoundDevicesInteraction(pact, { state: providerStates.noBoundDevices }).executeTest(async (server) => {
    const devices = await clientFor(server.url).listBoundDevices();
    if (devices.length !== 0) throw new Error('expected no devices');
  });
  await listBoundDevicesInteraction(pact, { state: providerStates.invalidAccessToken }).executeTest(async (server) => {
    const outcome = await clientFor(server.url, TEST_INVALID_ACCESS_TOKEN)
      .listBoundDevices()
      .then(
        () => 'resolved',
        (error: unknown) => error,
      );
    if (outcome === 'resolved') throw new Error('expected the invalid token to be refused');
  });
  return clientPactFile(dir);
}
