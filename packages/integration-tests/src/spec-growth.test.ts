// The spec grows the way APIs do after their first version: an optional query parameter, a new DELETE operation with
// a path parameter, a new POST operation with a JSON body. `npm run generate` ran the real generator on each edited
// copy of the spec (scripts/regeneration-variants.mjs; output under fixtures/regenerated/). Here each output takes
// the place of the client's src/generated in a scratch workspace with no other edit, and shows that the packages
// still build, that a caller reaches the new shape (and a wrong call does not compile), and what goes on the wire.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordingServer, startRecordingServer } from './testing/recording-server.js';
import { build, scratchWorkspace, typecheck } from './testing/scratch-workspace.js';

type Call = (parameters?: Record<string, unknown>) => Promise<unknown>;
type GrownClient = Record<string, Call>;
type ClientModule = {
  createKooDriveClient(options: Record<string, unknown>): GrownClient;
};

const TOKEN = 'growth-token';
const USER = 'growth-user';
const DEVICE = {
  deviceId: '1775406005920779393',
  machineCode: '20250911',
  deviceOS: 'android',
  deviceName: 'Magic v4',
  createTime: '2025-09-15T06:14:48.630Z',
};
const OK_DEVICES = { status: 200, body: { code: 0, msg: 'success', data: [DEVICE] } };

const roots: string[] = [];
let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(async () => {
  await server.close();
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** Builds the variant's scratch workspace (every copied package must build, the app type-check) and loads its client. */
async function grownWorkspace(variant: string): Promise<{ root: string; client: GrownClient }> {
  const root = scratchWorkspace(variant);
  roots.push(root);
  expect(await build(root)).toEqual({});
  expect(await typecheck(root, '-p', 'apps/device-dashboard/tsconfig.json')).toEqual({ ok: true, output: '' });
  const module: ClientModule = await import(pathToFileURL(join(root, 'packages/client/dist/index.js')).href);
  const client = module.createKooDriveClient({
    baseUrl: `${server.origin}/prefix`,
    accessToken: TOKEN,
    userId: USER,
    maxRetryAfterMs: 0,
  });
  return { root, client };
}

type MockServerModule = {
  startKooDriveMockServer(options: { port: number }): Promise<{ url: string; close(): Promise<void> }>;
};

/**
 * Runs `use` against the variant's standalone mock server (its mocks built against the grown client, so serving
 * the grown spec with no hand edit), with the grown client signed in as the mocks' demo account and a `send` for
 * raw requests (signed unless `unsigned`).
 */
async function withGrownMock(
  root: string,
  use: (mock: {
    client: GrownClient;
    send(method: string, path: string, init?: { body?: string; unsigned?: boolean }): Promise<Response>;
  }) => Promise<void>,
): Promise<void> {
  const mocks: MockServerModule = await import(pathToFileURL(join(root, 'packages/mocks/dist/node.js')).href);
  const { createKooDriveClient, formatXDate } = (await import(
    pathToFileURL(join(root, 'packages/client/dist/index.js')).href
  )) as ClientModule & { formatXDate(date: Date): string };
  const mock = await mocks.startKooDriveMockServer({ port: 0 });
  try {
    const client = createKooDriveClient({ baseUrl: mock.url, accessToken: 'demo-token', userId: 'demo-user' });
    const send = (method: string, path: string, init: { body?: string; unsigned?: boolean } = {}) =>
      fetch(`${mock.url}${path}`, {
        method,
        headers: {
          ...(init.unsigned ? {} : { Authorization: 'Bearer demo-token' }),
          'X-User-Id': 'demo-user',
          'X-Date': formatXDate(new Date(Date.now() - 2000)),
          ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(init.body === undefined ? {} : { body: init.body }),
      });
    await use({ client, send });
  } finally {
    await mock.close();
  }
}

/** An answer's status and envelope. */
async function envelopeOf(response: Response): Promise<{ status: number; code: number; msg: string }> {
  const { code, msg } = (await response.json()) as { code: number; msg: string };
  return { status: response.status, code, msg };
}

/** Type-checks `source` as a file of the scratch client package: its own errors, or '' when it compiles. */
async function typecheckCaller(root: string, source: string): Promise<string> {
  writeFileSync(join(root, 'packages/client/src/grown-caller.ts'), source);
  const result = await typecheck(root, '-b', 'packages/client/tsconfig.json');
  return result.ok ? '' : result.output;
}

/** The three headers the client signs every attempt with, as the server saw them. */
function expectSigned(headers: Record<string, string | string[] | undefined>): void {
  expect(headers['x-user-id']).toBe(USER);
  expect(headers['x-date']).toMatch(/^\d{8}T\d{6}Z$/);
  expect(headers.authorization).toBe(`Bearer ${TOKEN}`);
}

/** How a call settled: its value, or the error's kind and attempts. */
async function settle(call: Promise<unknown>) {
  try {
    return { value: await call };
  } catch (error) {
    const { kind, attempts, field } = error as { kind: string; attempts: number; field?: string };
    return { kind, attempts, ...(field === undefined ? {} : { field }) };
  }
}

describe('listBoundDevices gains an optional query parameter deviceOS', () => {
  let root: string;
  let client: GrownClient;
  beforeAll(async () => {
    ({ root, client } = await grownWorkspace('additive-query-parameter'));
  });

  it('is a typed, optional parameter of the method; a wrong type or a signed header does not compile', async () => {
    const output = await typecheckCaller(
      root,
      `import { type BoundDevice, createKooDriveClient } from './index.js';
const client = createKooDriveClient({ baseUrl: 'https://x.test', accessToken: 't', userId: 'u' });
export const some: Promise<BoundDevice[]> = client.listBoundDevices({ deviceOS: 'android' });
export const all: Promise<BoundDevice[]> = client.listBoundDevices();
export const cancellable = client.listBoundDevices({ signal: AbortSignal.timeout(1000) });
// @ts-expect-error deviceOS is a string
export const wrongType = client.listBoundDevices({ deviceOS: 3 });
// @ts-expect-error X-Date is the client's to sign, never the caller's
export const signed = client.listBoundDevices({ xDate: '20251103T070140Z' });
`,
    );
    expect(output).toBe('');
  });

  it('sends deviceOS in the query, percent-encoded, and nothing when it is not given', async () => {
    server.script(OK_DEVICES);
    const devices = (await client.listBoundDevices?.({ deviceOS: 'android & ios' })) as { createTime: Date }[];
    expect(devices[0]?.createTime).toEqual(new Date(DEVICE.createTime));
    await client.listBoundDevices?.();
    expect(server.requests.map(({ method, url }) => `${method} ${url}`)).toEqual([
      'GET /prefix/koodrive/ose/v1/backup/device?deviceOS=android%20%26%20ios',
      'GET /prefix/koodrive/ose/v1/backup/device',
    ]);
    for (const request of server.requests) expectSigned(request.headers);
  });

  it('is served by the standalone mock server, which rejects a deviceOS the spec forbids with a 400 naming it', async () => {
    await withGrownMock(root, async ({ client: mocked, send }) => {
      const devices = (await mocked.listBoundDevices?.({ deviceOS: 'android' })) as unknown[];
      expect(devices.length).toBeGreaterThan(0);
      const bad = await envelopeOf(await send('GET', '/koodrive/ose/v1/backup/device?deviceOS='));
      expect(bad).toMatchObject({ status: 400 });
      expect(bad.msg).toContain('deviceOS');
      expect((await send('GET', '/koodrive/ose/v1/backup/device?deviceOS=android', { unsigned: true })).status).toBe(
        401,
      );
    });
  });
});

describe('a new operation DELETE /device/{deviceId} (unbindDevice), answering without data', () => {
  let root: string;
  let client: GrownClient;
  beforeAll(async () => {
    ({ root, client } = await grownWorkspace('new-delete-operation'));
  });

  it('is a method taking a required deviceId and resolving to nothing; without deviceId it does not compile', async () => {
    const output = await typecheckCaller(
      root,
      `import { createKooDriveClient } from './index.js';
const client = createKooDriveClient({ baseUrl: 'https://x.test', accessToken: 't', userId: 'u' });
export const done: Promise<void> = client.unbindDevice({ deviceId: '1775406005920779393' });
// @ts-expect-error deviceId is required
export const noArgument = client.unbindDevice();
// @ts-expect-error deviceId is required
export const noDeviceId = client.unbindDevice({});
// @ts-expect-error deviceId is a string
export const numeric = client.unbindDevice({ deviceId: 1775406005920779 });
`,
    );
    expect(output).toBe('');
  });

  it('sends DELETE with the device ID as one encoded path segment and the signed headers, no body', async () => {
    server.script({ status: 200, body: { code: 0, msg: 'success' } });
    expect(await settle(client.unbindDevice?.({ deviceId: DEVICE.deviceId }) ?? Promise.reject())).toEqual({
      value: undefined,
    });
    await client.unbindDevice?.({ deviceId: 'a/b?c#d' });
    expect(server.requests.map(({ method, url, body }) => `${method} ${url} ${body.length}`)).toEqual([
      `DELETE /prefix/koodrive/ose/v1/backup/device/${DEVICE.deviceId} 0`,
      'DELETE /prefix/koodrive/ose/v1/backup/device/a%2Fb%3Fc%23d 0',
    ]);
    for (const request of server.requests) expectSigned(request.headers);
  });

  it('sends nothing for a device ID that would not name one path segment: an invalid-request error', async () => {
    server.script({ status: 200, body: { code: 0, msg: 'success' } });
    for (const deviceId of ['', '.', '..']) {
      expect(await settle(client.unbindDevice?.({ deviceId }) ?? Promise.reject())).toEqual({
        kind: 'invalid-request',
        attempts: 0,
        field: 'deviceId',
      });
    }
    expect(server.requests).toEqual([]);
  });

  it("is an api error when the 2xx envelope's code is not 0, and retried like any DELETE after a 503", async () => {
    server.script({ status: 200, body: { code: 404001, msg: 'no such device' } });
    expect(await settle(client.unbindDevice?.({ deviceId: '1' }) ?? Promise.reject())).toEqual({
      kind: 'api',
      attempts: 1,
    });
    server.script({ status: 503, body: { code: 503001, msg: 'busy' } }, { status: 200, body: { code: 0, msg: 'ok' } });
    expect(await settle(client.unbindDevice?.({ deviceId: '1' }) ?? Promise.reject())).toEqual({ value: undefined });
    expect(server.requests).toHaveLength(2);
  });

  it('is served by the standalone mock server: its example, a 400 for a bad device ID, a 401 without a token', async () => {
    await withGrownMock(root, async ({ client: mocked, send }) => {
      expect(await mocked.unbindDevice?.({ deviceId: DEVICE.deviceId })).toBeUndefined();
      const bad = await envelopeOf(await send('DELETE', '/koodrive/ose/v1/backup/device/not-digits'));
      expect(bad).toMatchObject({ status: 400 });
      expect(bad.msg).toContain('deviceId');
      const path = `/koodrive/ose/v1/backup/device/${DEVICE.deviceId}`;
      expect((await send('DELETE', path, { unsigned: true })).status).toBe(401);
      const wrongMethod = await send('PATCH', path);
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.headers.get('allow')).toBe('DELETE');
    });
  });
});

describe('a new operation POST /device/{deviceId}/name (renameDevice) with a JSON body', () => {
  let root: string;
  let client: GrownClient;
  beforeAll(async () => {
    ({ root, client } = await grownWorkspace('new-post-operation'));
  });

  it('takes deviceId and the body by its schema name, resolves to the device; a wrong body does not compile', async () => {
    const output = await typecheckCaller(
      root,
      `import { createKooDriveClient } from './index.js';
import type { BoundDeviceEntity } from './generated/index.js';
const client = createKooDriveClient({ baseUrl: 'https://x.test', accessToken: 't', userId: 'u' });
export const renamed: Promise<Readonly<BoundDeviceEntity>> = client.renameDevice({
  deviceId: '1775406005920779393',
  deviceRename: { deviceName: 'Magic v4' },
});
// @ts-expect-error the body is required
export const noBody = client.renameDevice({ deviceId: '1' });
// @ts-expect-error deviceName is a string
export const wrongBody = client.renameDevice({ deviceId: '1', deviceRename: { deviceName: 4 } });
`,
    );
    expect(output).toBe('');
  });

  it('sends POST with the JSON body and its content type, the path parameter and the signed headers', async () => {
    server.script({ status: 200, body: { code: 0, msg: 'success', data: DEVICE } });
    const device = (await client.renameDevice?.({
      deviceId: DEVICE.deviceId,
      deviceRename: { deviceName: 'Magic v4' },
    })) as { deviceName: string; createTime: Date };
    expect(device).toMatchObject({ deviceName: 'Magic v4', createTime: new Date(DEVICE.createTime) });
    const [request] = server.requests;
    expect(`${request?.method} ${request?.url}`).toBe(
      `POST /prefix/koodrive/ose/v1/backup/device/${DEVICE.deviceId}/name`,
    );
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({ deviceName: 'Magic v4' });
    expectSigned(request?.headers ?? {});
  });

  it('is served by the standalone mock server: its example, a 400 for a bad or non-JSON body, a 401 without a token', async () => {
    await withGrownMock(root, async ({ client: mocked, send }) => {
      const device = (await mocked.renameDevice?.({
        deviceId: DEVICE.deviceId,
        deviceRename: { deviceName: 'Magic v4' },
      })) as { deviceId: string; createTime: Date };
      expect(device.createTime).toBeInstanceOf(Date);
      const path = `/koodrive/ose/v1/backup/device/${DEVICE.deviceId}/name`;
      const missing = await envelopeOf(await send('POST', path, { body: '{}' }));
      expect(missing).toMatchObject({ status: 400 });
      expect(missing.msg).toContain('deviceName');
      expect((await send('POST', path, { body: '{"deviceName":' })).status).toBe(400);
      expect((await send('POST', path, { body: '{"deviceName":"x"}', unsigned: true })).status).toBe(401);
    });
  });

  it('is retried only after 429 or 503, never after a network error, 500, 502 or 504', async () => {
    const rename = () =>
      client.renameDevice?.({ deviceId: '1', deviceRename: { deviceName: 'x' } }) ?? Promise.reject();
    const ok = { status: 200, body: { code: 0, msg: 'success', data: DEVICE } };
    for (const status of [429, 503]) {
      server.script({ status, body: { code: status * 1000 + 1, msg: 'later' } }, ok);
      expect(await settle(rename()), `after ${status}`).toMatchObject({ value: { deviceId: DEVICE.deviceId } });
      expect(server.requests, `after ${status}`).toHaveLength(2);
    }
    for (const status of [500, 502, 504]) {
      server.script({ status, body: { code: status * 1000 + 1, msg: 'failed' } }, ok);
      expect(await settle(rename()), `after ${status}`).toEqual({ kind: 'http', attempts: 1 });
      expect(server.requests, `after ${status}`).toHaveLength(1);
    }
    server.script('drop', ok);
    expect(await settle(rename())).toEqual({ kind: 'network', attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });
});
