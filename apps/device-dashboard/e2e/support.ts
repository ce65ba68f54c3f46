import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';
import { dashboardPlugin } from '../server/dashboard-plugin.js';
import { freePort } from '../server/free-port.js';

export const appRoot = resolve(import.meta.dirname, '..');
/** Screenshots and measurements (gitignored). */
export const artifactsDir = join(appRoot, '.e2e-artifacts');

/**
 * Serves the built app (`dist/`) with `vite preview` on 127.0.0.1 and a free port, in demo mode whatever the
 * environment says (the plugin gets no KOODRIVE_* variables). Builds first when `dist/` is missing.
 */
export async function startPreview(): Promise<{ url: string; server: PreviewServer }> {
  if (!existsSync(join(appRoot, 'dist', 'index.html'))) {
    await build({ root: appRoot, configFile: join(appRoot, 'vite.config.ts'), logLevel: 'warn' });
  }
  const server = await preview({
    configFile: false,
    root: appRoot,
    logLevel: 'warn',
    plugins: [dashboardPlugin({ env: {} })],
    preview: { host: '127.0.0.1', port: await freePort(), strictPort: true },
  });
  const url = server.resolvedUrls?.local[0];
  if (url === undefined) throw new Error('vite preview did not report a URL');
  return { url: url.replace(/\/$/, ''), server };
}

/** Debian's Chromium (or CHROME_PATH), headless. Never downloads a browser. */
export function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: install Debian's chromium package or set CHROME_PATH`);
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

export function artifactPath(name: string): string {
  mkdirSync(artifactsDir, { recursive: true });
  return join(artifactsDir, name);
}
