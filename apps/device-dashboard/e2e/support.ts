import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

/** Debian's Chromium (or CHROME_PATH), headless; never downloads a browser. */
export { launchChromium } from '@koodrive-device/test-browser';

export function artifactPath(name: string): string {
  mkdirSync(artifactsDir, { recursive: true });
  return join(artifactsDir, name);
}
