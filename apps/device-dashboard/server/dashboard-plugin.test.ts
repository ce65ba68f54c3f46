// @vitest-environment node
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROXY_TOKEN_PLACEHOLDER } from '../src/runtime-config.js';
import type { DashboardEnv } from './real-mode.js';
import { appRoot, realEnv, SECRET } from './testing/servers.js';

describe('vite build', () => {
  let outDir: string;
  const saved: DashboardEnv = {};
  const names = ['KOODRIVE_BASE_URL', 'KOODRIVE_ACCESS_TOKEN', 'KOODRIVE_USER_ID'] as const;

  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), 'dashboard-build-'));
    for (const name of names) saved[name] = process.env[name];
    Object.assign(process.env, realEnv('https://gateway.example.com', SECRET));
  });
  afterAll(() => {
    for (const name of names) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    rmSync(outDir, { recursive: true, force: true });
  });

  function filesUnder(dir: string): string[] {
    return readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
  }

  it('writes no trace of KOODRIVE_ACCESS_TOKEN into the bundle, even when it is set', async () => {
    await build({
      root: appRoot,
      configFile: join(appRoot, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    });
    const files = filesUnder(outDir);
    expect(files.some((file) => file.endsWith('.js'))).toBe(true);
    expect(files.some((file) => file.endsWith('mockServiceWorker.js'))).toBe(true);
    const everything = files.map((file) => readFileSync(file, 'utf8')).join('\n');
    // The bundle is the real one (it carries the placeholder the proxy replaces)…
    expect(everything).toContain(PROXY_TOKEN_PLACEHOLDER);
    // …and holds neither the token, nor a part of it, nor its base64 form.
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(SECRET.slice(6, 24));
    expect(everything).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(everything).not.toContain('gateway.example.com');
  });
});
