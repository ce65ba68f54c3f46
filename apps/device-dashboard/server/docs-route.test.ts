// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer, type Logger, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardPlugin } from './dashboard-plugin.js';
import { type DocsBuild, specDocsFile } from './docs-route.js';
import { freePort } from './free-port.js';
import { appRoot, recordingLogger, urlOf } from './testing/servers.js';

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

  async function devWithDocs(file: string, docsBuild?: DocsBuild, customLogger?: Logger): Promise<string> {
    const server = await createServer({
      configFile: false,
      root: appRoot,
      ...(customLogger === undefined ? { logLevel: 'silent' as const } : { customLogger }),
      plugins: [dashboardPlugin({ env: {}, docsFile: () => file, ...(docsBuild === undefined ? {} : { docsBuild }) })],
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

  /** A logger that resolves `until(pattern)` when a line matching it is logged. */
  function waitingLogger() {
    const lines: string[] = [];
    const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
    const keep = (msg: string) => {
      lines.push(msg);
      for (const waiter of waiters.filter((candidate) => candidate.pattern.test(msg))) waiter.resolve(msg);
    };
    const logger = recordingLogger([]);
    Object.assign(logger, { info: keep, warn: keep });
    const until = (pattern: RegExp) =>
      new Promise<string>((resolvePromise) => {
        const found = lines.find((line) => pattern.test(line));
        if (found !== undefined) resolvePromise(found);
        else waiters.push({ pattern, resolve: resolvePromise });
      });
    return { logger, lines, until };
  }

  it('builds the page in the background once the dev server listens, and serves it when the build ends', async () => {
    const file = join(dir, 'built-in-background.html');
    const { logger, lines, until } = waitingLogger();
    const build: DocsBuild = {
      command: process.execPath,
      args: ['-e', `require('node:fs').writeFileSync(${JSON.stringify(file)}, '<title>built after listen</title>')`],
      cwd: dir,
    };
    const url = await devWithDocs(file, build, logger);
    const ready = await until(/API reference ready at /);
    expect(ready).toContain(`${url}/docs`);
    expect(lines.some((line) => /building the API reference for \/docs in the background/.test(line))).toBe(true);
    const page = await fetch(`${url}/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('built after listen');
  });

  it('says when the background build fails, with the end of its output', async () => {
    const { logger, until } = waitingLogger();
    const build: DocsBuild = {
      command: process.execPath,
      args: ['-e', "console.error('redocly: something broke'); process.exit(3)"],
      cwd: dir,
    };
    await devWithDocs(join(dir, 'never-built.html'), build, logger);
    const failed = await until(/API reference build failed/);
    expect(failed).toMatch(/failed \(exit 3\)/);
    expect(failed).toContain('redocly: something broke');
  });

  it('finds the page through the @koodrive-device/spec workspace package', () => {
    expect(specDocsFile()).toBe(resolve(appRoot, '../../packages/spec/dist/docs/index.html'));
  });
});
