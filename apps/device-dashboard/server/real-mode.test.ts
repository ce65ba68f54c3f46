// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKooDriveClient, KooDriveError } from '@koodrive-device/client';
import { KOODRIVE_DEVICES_PATH, referenceDevices } from '@koodrive-device/mocks';
import { type KooDriveMockServer, startKooDriveMockServer } from '@koodrive-device/mocks/node';
import { createServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROXY_TOKEN_PLACEHOLDER, RUNTIME_CONFIG_PATH } from '../src/runtime-config.js';
import { dashboardPlugin } from './dashboard-plugin.js';
import { freePort } from './free-port.js';
import { PROXY_REFUSAL_CODES } from './proxy-gate.js';
import type { DashboardEnv } from './real-mode.js';
import { type Arrival, appRoot, realEnv, recordingLogger, SECRET, send, urlOf } from './testing/servers.js';

describe('real mode through the dev and preview servers', () => {
  let mock: KooDriveMockServer;
  let distDir: string;
  const servers: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    mock = await startKooDriveMockServer({ port: 0, host: '127.0.0.1' });
    distDir = mkdtempSync(join(tmpdir(), 'dashboard-preview-'));
    writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>dashboard</title>');
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await mock.close();
    rmSync(distDir, { recursive: true, force: true });
  });

  async function startDev(env: DashboardEnv): Promise<string> {
    const server = await createServer({
      configFile: false,
      root: appRoot,
      logLevel: 'silent',
      plugins: [dashboardPlugin({ env })],
      server: { host: '127.0.0.1', port: await freePort(), strictPort: true, ws: false },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    await server.listen();
    servers.push(server);
    return urlOf(server);
  }

  async function startPreview(env: DashboardEnv): Promise<string> {
    const server = await preview({
      configFile: false,
      root: appRoot,
      logLevel: 'silent',
      plugins: [dashboardPlugin({ env })],
      build: { outDir: distDir },
      preview: { host: '127.0.0.1', port: await freePort(), strictPort: true },
    });
    servers.push(server);
    return urlOf(server);
  }

  it('the mock itself refuses the placeholder token the page sends (so the proxy must add the real one)', async () => {
    const client = createKooDriveClient({
      baseUrl: mock.url,
      accessToken: PROXY_TOKEN_PLACEHOLDER,
      userId: 'demo-user',
      maxAttempts: 1,
    });
    await expect(client.listBoundDevices()).rejects.toMatchObject({ kind: 'http', status: 401 });
  });

  it.each([
    ['dev server (npm start)', startDev],
    ['preview server', startPreview],
  ])('the %s proxies /koodrive with the real token added server-side', async (_name, start) => {
    const url = await start(realEnv(`${mock.url}/gateway/v2`));
    const client = createKooDriveClient({ baseUrl: url, accessToken: PROXY_TOKEN_PLACEHOLDER, userId: 'demo-user' });
    const devices = await client.listBoundDevices();
    expect(devices.map((device) => device.deviceId)).toEqual(referenceDevices.map((device) => device.deviceId));

    const config = await fetch(`${url}${RUNTIME_CONFIG_PATH}`);
    expect(config.headers.get('content-type')).toContain('application/json');
    expect(await config.json()).toEqual({ mode: 'real', userId: 'demo-user', apiOrigin: mock.url });
  });

  it('answers the page with KooDrive errors, not the token, when the real token is wrong', async () => {
    const url = await startDev(realEnv(mock.url, SECRET));
    const client = createKooDriveClient({
      baseUrl: url,
      accessToken: PROXY_TOKEN_PLACEHOLDER,
      userId: 'demo-user',
      maxAttempts: 1,
    });
    const error = await client.listBoundDevices().catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(KooDriveError);
    expect(error).toMatchObject({ status: 401 });
    const raw = await fetch(`${url}${KOODRIVE_DEVICES_PATH}`, { headers: { 'X-User-Id': 'demo-user' } });
    const text = `${JSON.stringify([...raw.headers])}${await raw.text()}`;
    expect(text).not.toContain(SECRET);
  });

  it('tells the page it is in demo mode when no credentials are set, and does not proxy', async () => {
    const url = await startDev({});
    expect(await (await fetch(`${url}${RUNTIME_CONFIG_PATH}`)).json()).toEqual({ mode: 'demo' });
    const response = await fetch(`${url}${KOODRIVE_DEVICES_PATH}`);
    expect(response.headers.get('content-type') ?? '').not.toContain('application/json');
  });
});

describe('the real-mode proxy forwards only the page’s own GET of the device list', () => {
  const arrivals: Arrival[] = [];
  const logLines: string[] = [];
  const upstream = createHttpServer((req, res) => {
    arrivals.push({ method: req.method, url: req.url, headers: req.headers });
    req.resume();
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ data: [], code: 0, msg: 'success' }));
  });
  const servers: { close(): Promise<void> }[] = [];
  let upstreamUrl: string;

  beforeAll(async () => {
    await new Promise<void>((resolvePromise) => upstream.listen(0, '127.0.0.1', resolvePromise));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await new Promise<void>((resolvePromise, reject) =>
      upstream.close((error) => (error === undefined ? resolvePromise() : reject(error))),
    );
  });

  async function startDev(): Promise<string> {
    const server = await createServer({
      configFile: false,
      root: appRoot,
      customLogger: recordingLogger(logLines),
      plugins: [dashboardPlugin({ env: realEnv(`${upstreamUrl}/gw`, SECRET) })],
      server: { host: '127.0.0.1', port: await freePort(), strictPort: true, ws: false },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    await server.listen();
    servers.push(server);
    return urlOf(server);
  }

  async function startPreview(): Promise<string> {
    const distDir = mkdtempSync(join(tmpdir(), 'dashboard-gate-'));
    writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>dashboard</title>');
    const server = await preview({
      configFile: false,
      root: appRoot,
      customLogger: recordingLogger(logLines),
      plugins: [dashboardPlugin({ env: realEnv(`${upstreamUrl}/gw`, SECRET) })],
      build: { outDir: distDir },
      preview: { host: '127.0.0.1', port: await freePort(), strictPort: true },
    });
    servers.push({
      close: async () => {
        await server.close();
        rmSync(distDir, { recursive: true, force: true });
      },
    });
    return urlOf(server);
  }

  it.each([
    ['dev server', startDev],
    ['preview server', startPreview],
  ])(
    'the %s forwards the page’s GET with the real token and refuses everything else before it leaves',
    async (_name, start) => {
      arrivals.length = 0;
      const url = await start();
      const own = { Origin: url, 'Sec-Fetch-Site': 'same-origin', Cookie: 'session=dashboard' };

      const allowed = await send(`${url}${KOODRIVE_DEVICES_PATH}`, 'GET', {
        ...own,
        Authorization: `Bearer ${PROXY_TOKEN_PLACEHOLDER}`,
        'X-User-Id': 'demo-user',
      });
      expect(allowed.status).toBe(200);
      expect(JSON.parse(allowed.text)).toEqual({ data: [], code: 0, msg: 'success' });
      expect(arrivals).toHaveLength(1);
      expect(arrivals[0]).toMatchObject({ method: 'GET', url: `/gw${KOODRIVE_DEVICES_PATH}` });
      expect(arrivals[0]?.headers.authorization).toBe(`Bearer ${SECRET}`);
      expect(arrivals[0]?.headers.cookie).toBeUndefined();
      expect(arrivals[0]?.headers['x-user-id']).toBe('demo-user');

      const refused = [
        [await send(`${url}${KOODRIVE_DEVICES_PATH}`, 'POST', own, '{}'), 405, PROXY_REFUSAL_CODES.methodNotAllowed],
        [await send(`${url}${KOODRIVE_DEVICES_PATH}`, 'DELETE', own), 405, PROXY_REFUSAL_CODES.methodNotAllowed],
        [await send(`${url}/koodrive/ose/v1/account`, 'GET', own), 404, PROXY_REFUSAL_CODES.notForwarded],
        [await send(`${url}${KOODRIVE_DEVICES_PATH}?userId=x`, 'GET', own), 404, PROXY_REFUSAL_CODES.notForwarded],
        [
          await send(`${url}${KOODRIVE_DEVICES_PATH}`, 'GET', { Origin: 'https://evil.example' }),
          403,
          PROXY_REFUSAL_CODES.crossSite,
        ],
        [
          await send(`${url}${KOODRIVE_DEVICES_PATH}`, 'GET', { 'Sec-Fetch-Site': 'cross-site' }),
          403,
          PROXY_REFUSAL_CODES.crossSite,
        ],
        [
          await send(`${url}${KOODRIVE_DEVICES_PATH}`, 'GET', { 'Sec-Fetch-Site': 'same-site' }),
          403,
          PROXY_REFUSAL_CODES.crossSite,
        ],
      ] as const;
      for (const [response, status, code] of refused) {
        expect(response.status).toBe(status);
        expect(response.headers['content-type']).toContain('application/json');
        expect(JSON.parse(response.text)).toEqual({ code, msg: expect.any(String) });
        expect(`${JSON.stringify(response.headers)}${response.text}`).not.toContain(SECRET);
      }
      expect(refused[0][0].headers.allow).toBe('GET');
      // None of them reached the gateway.
      expect(arrivals).toHaveLength(1);
      expect(logLines.join('\n')).not.toContain(SECRET);
    },
  );
});
