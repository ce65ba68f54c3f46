import { join } from 'node:path';
import { formatXDate } from '@koodrive-device/client';
import { createKooDrivePact } from '../interactions.js';
import { EXAMPLE_USER_ID } from '../matchers.js';
import { createSpecMatchers } from '../operation-matchers.js';
import { KOODRIVE_PROVIDER, providerStates } from '../states.js';
import { TEST_ACCESS_TOKEN, TEST_INVALID_ACCESS_TOKEN } from './client-pact.js';
import { variantSpecData } from './variant-specs.js';

// Pacts for operations the spec gains (the regeneration variants new-post-operation and new-delete-operation),
// written with the package's helpers the way a consumer team would, by driving Pact's mock server with fetch
// (the TypeScript client reaches these operations once it is regenerated from such a spec).

export const NEW_OPERATIONS_CONSUMER = 'device-settings';
export const NEW_OPERATION_DEVICE = '1842812272691451648';
export const DEVICE_PATH = `/koodrive/ose/v1/backup/device/${NEW_OPERATION_DEVICE}`;

/** What the client sends: the three signed headers with a real-looking token (the pact records the placeholder). */
function signed(token: string = TEST_ACCESS_TOKEN): Record<string, string> {
  return { Authorization: `Bearer ${token}`, 'X-User-Id': EXAMPLE_USER_ID, 'X-Date': formatXDate(new Date()) };
}

async function send(url: string, init: RequestInit, status: number): Promise<void> {
  const response = await fetch(url, init);
  await response.arrayBuffer();
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}`);
}

/** Records a `renameDevice` pact (200 with the device asked for, and 401) into `dir`; returns its file. */
export async function recordRenameDevicePact(dir: string): Promise<string> {
  const renaming = createSpecMatchers(variantSpecData['new-post-operation']);
  const pact = createKooDrivePact({ consumer: NEW_OPERATIONS_CONSUMER, dir });
  await renaming
    .operationInteraction(pact, {
      operationId: 'renameDevice',
      state: providerStates.boundDevices,
      uponReceiving: 'a request to rename a device',
      request: { path: { deviceId: NEW_OPERATION_DEVICE }, body: { example: { deviceName: 'Den' } } },
      status: 200,
      response: { include: ['data'] },
    })
    .executeTest(async (server) => {
      const body = JSON.stringify({ deviceName: 'Den' });
      const headers = { ...signed(), 'Content-Type': 'application/json' };
      await send(`${server.url}${DEVICE_PATH}/name`, { method: 'POST', headers, body }, 200);
    });
  await renaming
    .operationInteraction(pact, {
      operationId: 'renameDevice',
      state: providerStates.invalidAccessToken,
      uponReceiving: 'a request to rename a device with an invalid access token',
      request: { path: { deviceId: NEW_OPERATION_DEVICE } },
      status: 401,
    })
    .executeTest(async (server) => {
      const body = JSON.stringify({ deviceName: 'Magic v3' });
      const headers = { ...signed(TEST_INVALID_ACCESS_TOKEN), 'Content-Type': 'application/json' };
      await send(`${server.url}${DEVICE_PATH}/name`, { method: 'POST', headers, body }, 401);
    });
  return join(dir, `${NEW_OPERATIONS_CONSUMER}-${KOODRIVE_PROVIDER}.json`);
}

/** Records an `unbindDevice` pact (200) into `dir`; returns its file. */
export async function recordUnbindDevicePact(dir: string): Promise<string> {
  const unbinding = createSpecMatchers(variantSpecData['new-delete-operation']);
  const pact = createKooDrivePact({ consumer: NEW_OPERATIONS_CONSUMER, dir });
  await unbinding
    .operationInteraction(pact, {
      operationId: 'unbindDevice',
      state: providerStates.boundDevices,
      uponReceiving: 'a request to unbind a device',
      request: { path: { deviceId: NEW_OPERATION_DEVICE } },
      status: 200,
    })
    .executeTest(async (server) => {
      await send(`${server.url}${DEVICE_PATH}`, { method: 'DELETE', headers: signed() }, 200);
    });
  return join(dir, `${NEW_OPERATIONS_CONSUMER}-${KOODRIVE_PROVIDER}.json`);
}
