import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  createKooDrivePact,
  EXAMPLE_AUTHORIZATION,
  EXAMPLE_USER_ID,
  exampleBoundDevice,
  KOODRIVE_PROVIDER,
  listBoundDevicesInteraction,
  providerStates,
} from '@koodrive-device/contracts';
import { render, screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { App } from './App.js';
import { NO_TIME_LIMIT_MS, TEST_NOW } from './testing/render-app.js';

/**
 * The dashboard's own consumer contract with `koodrive-device-api`: the page itself (App and its client), pointed
 * at Pact's mock server, for each provider state. Written to `<repo>/pacts/device-dashboard-koodrive-device-api.json`.
 */
const CONSUMER = 'device-dashboard';
const pactsDir = resolve(import.meta.dirname, '../../../pacts');
const pactFile = join(pactsDir, `${CONSUMER}-${KOODRIVE_PROVIDER}.json`);
/** Secret-looking tokens sent to the mock server; none may land in the pact (it records only the placeholder). */
const TEST_TOKEN = 'kd_at_dashboardPactT0ken9f8e7d6c5b4a3';
const REVOKED_TOKEN = 'kd_at_dashboardREVOKED1a2b3c4d5e6f7a8';

const pact = createKooDrivePact({ consumer: CONSUMER, dir: pactsDir });

// Pact merges into an existing file: start from none, so a renamed or removed interaction does not linger.
beforeAll(() => rmSync(pactFile, { force: true }));

function renderAgainst(baseUrl: string, accessToken: string) {
  render(
    <App
      connection={{ baseUrl, accessToken, userId: EXAMPLE_USER_ID, timeoutMs: NO_TIME_LIMIT_MS }}
      mode={{ kind: 'real', userId: EXAMPLE_USER_ID, apiOrigin: baseUrl }}
      now={() => TEST_NOW}
      locale="en-US"
      timeZone="UTC"
    />,
  );
}

describe(`${CONSUMER} → ${KOODRIVE_PROVIDER}`, () => {
  it('shows the bound devices the provider lists, with the exact 19-digit device ID', async () => {
    await listBoundDevicesInteraction(pact, {
      state: providerStates.boundDevices,
      uponReceiving: 'the dashboard asks for the bound devices',
    }).executeTest(async (mockServer) => {
      renderAgainst(mockServer.url, TEST_TOKEN);
      const row = await screen.findByRole('row', { name: new RegExp(exampleBoundDevice.deviceName) });
      expect(within(row).getByText(exampleBoundDevice.deviceId)).toBeTruthy();
      expect(within(row).getByText(exampleBoundDevice.machineCode)).toBeTruthy();
      expect(within(row).getByText('Android')).toBeTruthy();
      expect(screen.getByText('1 device')).toBeTruthy();
    });
  });

  it('shows the empty state for a user without bound devices', async () => {
    await listBoundDevicesInteraction(pact, {
      state: providerStates.noBoundDevices,
      uponReceiving: 'the dashboard asks for the bound devices of a user without devices',
    }).executeTest(async (mockServer) => {
      renderAgainst(mockServer.url, TEST_TOKEN);
      expect(await screen.findByRole('heading', { name: 'No devices are bound to this account' })).toBeTruthy();
    });
  });

  it('explains a rejected access token and offers Retry', async () => {
    await listBoundDevicesInteraction(pact, {
      state: providerStates.invalidAccessToken,
      uponReceiving: 'the dashboard asks for the bound devices with a revoked access token',
    }).executeTest(async (mockServer) => {
      renderAgainst(mockServer.url, REVOKED_TOKEN);
      const alert = await screen.findByRole('alert', {});
      expect(alert.textContent).toContain('Your access token was not accepted');
      expect(alert.textContent).not.toContain(REVOKED_TOKEN);
      expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy();
    });
  });

  it('wrote a pact with the three states, the placeholder Authorization and no test token', () => {
    expect(existsSync(pactFile)).toBe(true);
    const text = readFileSync(pactFile, 'utf8');
    const pactJson = JSON.parse(text) as {
      consumer: { name: string };
      provider: { name: string };
      interactions: { providerStates: { name: string }[]; request: { headers: Record<string, string[]> } }[];
    };
    expect(pactJson.consumer.name).toBe(CONSUMER);
    expect(pactJson.provider.name).toBe(KOODRIVE_PROVIDER);
    expect(pactJson.interactions.map((interaction) => interaction.providerStates[0]?.name).sort()).toEqual(
      [providerStates.boundDevices, providerStates.invalidAccessToken, providerStates.noBoundDevices].sort(),
    );
    for (const interaction of pactJson.interactions) {
      expect(interaction.request.headers.Authorization).toEqual([EXAMPLE_AUTHORIZATION]);
    }
    expect(text).not.toContain(TEST_TOKEN);
    expect(text).not.toContain(REVOKED_TOKEN);
  });
});
