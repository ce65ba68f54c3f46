import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { KooDriveError } from '@koodrive-device/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKooDrivePact, listBoundDevicesInteraction } from './interactions.js';
import { EXAMPLE_AUTHORIZATION, exampleBoundDevice, exampleUnauthorizedBody } from './matchers.js';
import { KOODRIVE_CLIENT_CONSUMER, KOODRIVE_PROVIDER, providerStates } from './states.js';
import { clientFor, clientPactFile, TEST_INVALID_ACCESS_TOKEN, TEST_TOKENS } from './test-support/client-pact.js';
import { pactsDir } from './test-support/repo-paths.js';

// Consumer contract of @koodrive-device/client: the real client against the Pact mock server. The pact goes to
// <repo>/pacts/koodrive-device-client-koodrive-device-api.json, which `test:pacts-vs-spec` checks against the
// spec and `verify:provider` replays against a provider. Tests in one file run in order: the last one reads it.
const pact = createKooDrivePact({ consumer: KOODRIVE_CLIENT_CONSUMER, dir: pactsDir });

// Pact merges into an existing file: start from none, so a renamed or removed interaction does not linger.
beforeAll(() => rmSync(clientPactFile(pactsDir), { force: true }));

describe(`${KOODRIVE_CLIENT_CONSUMER} → ${KOODRIVE_PROVIDER}`, () => {
  it('lists the bound devices, keeping each 19-digit deviceId a string', async () => {
    await listBoundDevicesInteraction(pact, { state: providerStates.boundDevices }).executeTest(async (server) => {
      const devices = await clientFor(server.url).listBoundDevices();
      expect(devices).toHaveLength(1);
      const [device] = devices;
      expect(device?.deviceId).toBe(exampleBoundDevice.deviceId);
      expect(typeof device?.deviceId).toBe('string');
      expect(device?.deviceName).toBe(exampleBoundDevice.deviceName);
      expect(device?.machineCode).toBe(exampleBoundDevice.machineCode);
      expect(device?.deviceOS).toBe(exampleBoundDevice.deviceOS);
      expect(device?.createTime.toISOString()).toBe(exampleBoundDevice.createTime);
    });
  });

  it('lists no devices for a user without bound devices', async () => {
    await listBoundDevicesInteraction(pact, { state: providerStates.noBoundDevices }).executeTest(async (server) => {
      await expect(clientFor(server.url).listBoundDevices()).resolves.toEqual([]);
    });
  });

  it('rejects with an unauthorized KooDriveError when the access token is invalid', async () => {
    await listBoundDevicesInteraction(pact, { state: providerStates.invalidAccessToken }).executeTest(
      async (server) => {
        const error = await clientFor(server.url, TEST_INVALID_ACCESS_TOKEN)
          .listBoundDevices()
          .then(
            () => undefined,
            (reason: unknown) => reason,
          );
        expect(error).toBeInstanceOf(KooDriveError);
        expect(error).toMatchObject({
          kind: 'http',
          status: 401,
          code: exampleUnauthorizedBody.code,
          msg: exampleUnauthorizedBody.msg,
        });
        expect(String((error as Error).message)).not.toContain(TEST_INVALID_ACCESS_TOKEN);
      },
    );
  });

  it('writes a pact with the three states and no token used by the tests', () => {
    const file = clientPactFile(pactsDir);
    const pactJson = JSON.parse(readFileSync(file, 'utf8')) as {
      interactions: { providerStates: { name: string }[]; request: { headers: Record<string, string[]> } }[];
    };
    expect(pactJson.interactions.map((interaction) => interaction.providerStates[0]?.name).sort()).toEqual(
      [providerStates.boundDevices, providerStates.invalidAccessToken, providerStates.noBoundDevices].sort(),
    );
    for (const interaction of pactJson.interactions) {
      expect(interaction.request.headers.Authorization).toEqual([EXAMPLE_AUTHORIZATION]);
    }
    // Every pact in the folder, including other consumers' (the example app's), must be free of test tokens.
    for (const name of readdirSync(pactsDir).filter((entry) => entry.endsWith('.json'))) {
      const text = readFileSync(join(pactsDir, name), 'utf8');
      for (const token of TEST_TOKENS) expect(text, `${name} contains a test token`).not.toContain(token);
    }
  });
});
