import { BEARER_TOKEN } from '@koodrive-device/client';
import type { ProxyOptions } from 'vite';
import { KOODRIVE_PROXY_PREFIX, type RuntimeConfig } from '../src/runtime-config.js';
import { decideProxy, FORWARDED_PATH, PROXY_ALLOW, proxyRequestOf } from './proxy-gate.js';

/**
 * Real mode: the page's `GET /koodrive/ose/v1/backup/device` (and nothing else: see `proxy-gate.ts`) is proxied
 * to `KOODRIVE_BASE_URL`, and the proxy (in Node, never the page) sets `Authorization: Bearer
 * $KOODRIVE_ACCESS_TOKEN` on it. Demo mode when none of the variables is set.
 */

/** The environment variables the dashboard's server side reads. */
export const ENV_NAMES = ['KOODRIVE_BASE_URL', 'KOODRIVE_ACCESS_TOKEN', 'KOODRIVE_USER_ID'] as const;
export type DashboardEnv = Partial<Record<(typeof ENV_NAMES)[number], string | undefined>>;

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
  if (!BEARER_TOKEN.test(accessToken)) {
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

const LOOPBACK_HOSTS = new Set([undefined, 'localhost', '127.0.0.1', '::1']);

/** The start line: which mode, and in real mode where requests go (with a warning beyond loopback). */
export function describeMode(settings: RealModeSettings | undefined, host: string | boolean | undefined): string {
  if (settings === undefined) return 'demo mode: the msw worker answers /koodrive with the demo account';
  const exposed = typeof host === 'boolean' || !LOOPBACK_HOSTS.has(host);
  return (
    `real mode: GET ${FORWARDED_PATH} (only) is proxied to ${settings.baseUrl.origin} as user ${settings.userId}; ` +
    `the proxy adds the access token${exposed ? ' (WARNING: the server listens beyond loopback)' : ''}`
  );
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
