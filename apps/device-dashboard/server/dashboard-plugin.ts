import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin, ProxyOptions } from 'vite';
import { KOODRIVE_PROXY_PREFIX, RUNTIME_CONFIG_PATH, type RuntimeConfig } from '../src/runtime-config.js';
import { decideProxy, FORWARDED_PATH, PROXY_ALLOW, proxyRequestOf } from './proxy-gate.js';

/**
 * The server side of the dashboard, for both `vite` (dev) and `vite preview`:
 * - `/dashboard-config.json` tells the page which mode it is in (demo or real). It is answered at run time,
 *   so the same build works in both modes and no credential is ever baked into the bundle.
 * - In real mode, the page's `GET /koodrive/ose/v1/backup/device` (and nothing else: see `proxy-gate.ts`) is
 *   proxied to `KOODRIVE_BASE_URL`, and the proxy (in Node, never the page) sets
 *   `Authorization: Bearer $KOODRIVE_ACCESS_TOKEN` on it.
 * - `/docs` serves the API reference that `npm run docs` builds into `packages/spec/dist/docs/index.html`.
 * - `vite build` prints the gzip size of the browser bundle.
 */

/** The environment variables the dashboard's server side reads. */
export const ENV_NAMES = ['KOODRIVE_BASE_URL', 'KOODRIVE_ACCESS_TOKEN', 'KOODRIVE_USER_ID'] as const;
export type DashboardEnv = Partial<Record<(typeof ENV_NAMES)[number], string | undefined>>;

export const DOCS_PATHS: readonly string[] = ['/docs', '/docs/', '/docs/index.html'];

export interface RealModeSettings {
  /** The gateway's base URL, possibly with a path prefix (kept: `/koodrive/…` is appended to it). */
  baseUrl: URL;
  accessToken: string;
  userId: string;
}

/** A configuration problem; its message names variables, never their values. */
export class DashboardConfigError extends Error {
  override readonly name = 'DashboardConfigError';
}

/**
 * Real mode when all three variables are set, demo mode when none is. Anything in between, or a base URL
 * that is not an http(s) URL, is a {@link DashboardConfigError} (the message never contains the token).
 */
export function readRealMode(env: DashboardEnv): RealModeSettings | undefined {
  const set = ENV_NAMES.filter((name) => (env[name] ?? '').trim() !== '');
  if (set.length === 0) return undefined;
  if (set.length < ENV_NAMES.length) {
    const missing = ENV_NAMES.filter((name) => !set.includes(name));
    throw new DashboardConfigError(
      `Real mode needs ${ENV_NAMES.join(', ')}; missing: ${missing.join(', ')}. Unset all three for demo mode.`,
    );
  }
  const rawUrl = (env.KOODRIVE_BASE_URL ?? '').trim();
  let baseUrl: URL;
  try {
    baseUrl = new URL(rawUrl);
  } catch {
    throw new DashboardConfigError('KOODRIVE_BASE_URL is not a URL (expected e.g. https://gateway.example.com)');
  }
  if (baseUrl.protocol !== 'https:' && baseUrl.protocol !== 'http:') {
    throw new DashboardConfigError('KOODRIVE_BASE_URL must be an http(s) URL');
  }
  if (baseUrl.username !== '' || baseUrl.password !== '') {
    throw new DashboardConfigError('KOODRIVE_BASE_URL must not contain credentials; use KOODRIVE_ACCESS_TOKEN');
  }
  const accessToken = (env.KOODRIVE_ACCESS_TOKEN ?? '').trim().replace(/^Bearer\s+/i, '');
  if (!/^[\x21-\x7e]+$/.test(accessToken)) {
    throw new DashboardConfigError('KOODRIVE_ACCESS_TOKEN must be printable ASCII without spaces');
  }
  const userId = (env.KOODRIVE_USER_ID ?? '').trim();
  return { baseUrl, accessToken, userId };
}

/** What `/dashboard-config.json` answers: the mode, and in real mode the non-secret parts only. */
export function runtimeConfigFor(settings: RealModeSettings | undefined): RuntimeConfig {
  if (settings === undefined) return { mode: 'demo' };
  return { mode: 'real', userId: settings.userId, apiOrigin: settings.baseUrl.origin };
}

/**
 * The `/koodrive` proxy of real mode. Its `bypass` hook runs {@link decideProxy} first: only the page's own
 * `GET /koodrive/ose/v1/backup/device` is forwarded; anything else (another method or path, a query string, a
 * request from another site) is answered here with a `{code, msg}` 403/404/405 and never leaves this machine.
 * On a forwarded request the proxy replaces the `Authorization` header (the browser sends a placeholder bearer
 * token) and drops cookies meant for the dashboard.
 */
export function koodriveProxy(settings: RealModeSettings): Record<string, ProxyOptions> {
  const target = settings.baseUrl.href.replace(/\/+$/, '');
  return {
    [`${KOODRIVE_PROXY_PREFIX}/`]: {
      target,
      changeOrigin: true,
      secure: true,
      ws: false,
      bypass(req, res) {
        const decision = decideProxy(proxyRequestOf(req));
        if (decision === PROXY_ALLOW) return undefined;
        // A WebSocket upgrade has no response object; with `ws: false` Vite does not proxy upgrades anyway.
        if (res === undefined) return false;
        res.writeHead(decision.status, {
          ...decision.headers,
          'Content-Type': 'application/json; charset=utf-8',
        });
        res.end(JSON.stringify(decision.body));
        // Vite's proxy middleware stops (neither forwards nor calls the next middleware) when `bypass` returns a
        // string and the response has ended: returning the unchanged URL is how a bypass answers by itself.
        return req.url ?? KOODRIVE_PROXY_PREFIX;
      },
      configure(proxy) {
        proxy.on('proxyReq', (proxyReq) => {
          proxyReq.setHeader('Authorization', `Bearer ${settings.accessToken}`);
          proxyReq.removeHeader('cookie');
        });
      },
    },
  };
}

/** `packages/spec/dist/docs/index.html`, found through the workspace package `@koodrive-device/spec`. */
export function specDocsFile(): string | undefined {
  try {
    const specPackageJson = createRequire(import.meta.url).resolve('@koodrive-device/spec/package.json');
    return join(dirname(specPackageJson), 'dist', 'docs', 'index.html');
  } catch {
    return undefined;
  }
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0] ?? '/';
}

function dashboardMiddleware(config: RuntimeConfig, docsFile: () => string | undefined): Middleware {
  const configBody = JSON.stringify(config);
  return (req, res, next) => {
    const path = pathOf(req);
    if (path === RUNTIME_CONFIG_PATH) {
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.end(configBody);
      return;
    }
    if (DOCS_PATHS.includes(path)) {
      const file = docsFile();
      if (file !== undefined && existsSync(file)) {
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.setHeader('Cache-Control', 'no-cache');
        res.end(readFileSync(file));
        return;
      }
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('The API reference is not built yet. Run `npm run docs` at the repository root, then reload /docs.\n');
      return;
    }
    next();
  };
}

export interface DashboardPluginOptions {
  /** Where the credentials come from (vite.config.ts passes `loadEnv(mode, root, 'KOODRIVE_')`). */
  env: DashboardEnv;
  /** The API reference page (default: resolved through `@koodrive-device/spec`). */
  docsFile?: () => string | undefined;
}

const LOOPBACK_HOSTS = new Set([undefined, 'localhost', '127.0.0.1', '::1']);

function formatKb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

/** The Vite plugin: runtime config, real-mode proxy, `/docs`, bundle size report. */
export function dashboardPlugin(options: DashboardPluginOptions): Plugin {
  const settings = readRealMode(options.env);
  const runtimeConfig = runtimeConfigFor(settings);
  const middleware = dashboardMiddleware(runtimeConfig, options.docsFile ?? specDocsFile);
  const proxy = settings === undefined ? undefined : koodriveProxy(settings);

  const describeMode = (host: string | boolean | undefined): string => {
    if (settings === undefined) return 'demo mode: the msw worker answers /koodrive with the demo account';
    const exposed = typeof host === 'boolean' || !LOOPBACK_HOSTS.has(host);
    return (
      `real mode: GET ${FORWARDED_PATH} (only) is proxied to ${settings.baseUrl.origin} as user ${settings.userId}; ` +
      `the proxy adds the access token${exposed ? ' (WARNING: the server listens beyond loopback)' : ''}`
    );
  };

  return {
    name: 'device-dashboard',
    config() {
      if (proxy === undefined) return undefined;
      return { server: { proxy }, preview: { proxy } };
    },
    configureServer(server) {
      server.middlewares.use(middleware);
      server.httpServer?.once('listening', () => {
        server.config.logger.info(`  device-dashboard: ${describeMode(server.config.server.host)}`);
      });
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
      server.httpServer.once('listening', () => {
        server.config.logger.info(`  device-dashboard: ${describeMode(server.config.preview.host)}`);
      });
    },
    writeBundle: {
      order: 'post',
      handler(_outputOptions, bundle) {
        const gzipOf = (code: string | Uint8Array) => gzipSync(code, { level: 9 }).length;
        const entries = Object.values(bundle);
        const initial = new Set<string>();
        const visit = (fileName: string) => {
          if (initial.has(fileName)) return;
          initial.add(fileName);
          const item = bundle[fileName];
          if (item?.type === 'chunk') {
            for (const imported of item.imports) visit(imported);
            for (const css of item.viteMetadata?.importedCss ?? []) visit(css);
          }
        };
        for (const item of entries) if (item.type === 'chunk' && item.isEntry) visit(item.fileName);
        let initialBytes = 0;
        let lazyBytes = 0;
        for (const item of entries) {
          const isCode = item.fileName.endsWith('.js') || item.fileName.endsWith('.css');
          if (!isCode) continue;
          const size = gzipOf(item.type === 'chunk' ? item.code : item.source);
          if (initial.has(item.fileName)) initialBytes += size;
          else lazyBytes += size;
        }
        this.environment.logger.info(
          `device-dashboard bundle (gzip -9): ${formatKb(initialBytes)} loaded by every page (JS + CSS), ` +
            `${formatKb(lazyBytes)} more in demo mode (lazy chunks: msw worker + mocks); ` +
            `total ${formatKb(initialBytes + lazyBytes)}`,
        );
      },
    },
  };
}
