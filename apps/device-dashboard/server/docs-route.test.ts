// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardPlugin } from './dashboard-plugin.js';
import { specDocsFile } from './docs-route.js';
import { freePort } from './free-port.js';
import { appRoot, urlOf } from './testing/servers.js';

describe('/docs', () => {
  let dir: string;
  const servers: ViteDevServer[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dashboard-docs-'));
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function devWithDocs(file: string): Promise<string> {
    const server = await createServer({
      configFile: false,
      root: appRoot,
      logLevel: 'silent',
      plugins: [dashboardPlugin({ env: {}, docsFile: () => file })],
      server: { host: '127.0.0.1', port: await freePort(), strictPort: true, ws: false },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    await server.listen();
    servers.push(server);
    return urlOf(server);
  }

  it('serves the API reference page once `npm run docs` has built it, and explains how to build it before', async () => {
    const file = join(dir, 'index.html');
    const url = await devWithDocs(file);
    const missing = await fetch(`${url}/docs`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('npm run docs');

    writeFileSync(file, '<!doctype html><title>KooDrive device API reference</title>');
    for (const path of ['/docs', '/docs/']) {
      const page = await fetch(`${url}${path}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('KooDrive device API reference');
    }
  });

  it('finds the page through the @koodrive-device/spec workspace package', () => {
    expect(specDocsFile()).toBe(resolve(appRoot, '../../packages/spec/dist/docs/index.html'));
  });
});
