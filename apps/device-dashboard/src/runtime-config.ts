/** Where the page asks the server which mode it runs in. Answered by the dev and preview servers. */
export const RUNTIME_CONFIG_PATH = '/dashboard-config.json';

/** The path prefix the page sends KooDrive requests to (same origin: mocked in demo mode, proxied in real mode). */
export const KOODRIVE_PROXY_PREFIX = '/koodrive';

/**
 * The bearer token the page sends in real mode. It is not a secret and grants nothing: the dev/preview server's
 * proxy replaces it with the real token (server-side) before the request leaves the machine.
 */
export const PROXY_TOKEN_PLACEHOLDER = 'replaced-by-the-dashboard-proxy';

/** What the server tells the page. Never contains an access token. */
export type RuntimeConfig = { mode: 'demo' } | { mode: 'real'; userId: string; apiOrigin: string };

const DEMO: RuntimeConfig = { mode: 'demo' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Reads the runtime config; anything but a valid real-mode answer (404, static hosting, bad JSON) means demo mode. */
export function parseRuntimeConfig(body: unknown): RuntimeConfig {
  if (!isRecord(body) || body.mode !== 'real') return DEMO;
  const { userId, apiOrigin } = body;
  if (typeof userId !== 'string' || userId === '' || typeof apiOrigin !== 'string') return DEMO;
  return { mode: 'real', userId, apiOrigin };
}

export async function loadRuntimeConfig(fetchImpl: typeof fetch = fetch): Promise<RuntimeConfig> {
  try {
    const response = await fetchImpl(RUNTIME_CONFIG_PATH, {
      headers: { Accept: 'application/json' },
      cache: 'no-store',
    });
    if (!response.ok || !(response.headers.get('content-type') ?? '').includes('application/json')) return DEMO;
    return parseRuntimeConfig(await response.json());
  } catch {
    return DEMO;
  }
}
