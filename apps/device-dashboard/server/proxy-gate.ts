import type { IncomingMessage } from 'node:http';
import { KOODRIVE_DEVICES_PATH } from '@koodrive-device/client';

/**
 * The gate in front of real mode's token-adding proxy. The proxy holds the developer's access token, and any web
 * page the developer visits can make the browser send requests to 127.0.0.1. Without a gate that page could make
 * the proxy call KooDrive (any method, any path) *with the token* — a confused deputy. So the proxy forwards
 * exactly one request: the page's own `GET /koodrive/ose/v1/backup/device`, and nothing else.
 *
 * Pure: no I/O, no clock, no token. {@link decideProxy} decides from the method, the raw request target and a
 * few headers; the proxy's `bypass` hook (see `koodriveProxy` in `dashboard-plugin.ts`) answers the refusals.
 */

/** The only request target the proxy forwards: the endpoint the page calls (the client's), with no query string. */
export const FORWARDED_PATH = KOODRIVE_DEVICES_PATH;
export const FORWARDED_METHOD = 'GET';

/** What the gate needs to know about a request. Header names are lower case (as in Node's `IncomingMessage`). */
export interface ProxyRequest {
  readonly method: string | undefined;
  /** The raw request target (`req.url`): path and query, exactly as sent. */
  readonly url: string | undefined;
  readonly headers: {
    readonly host?: string | undefined;
    readonly origin?: string | undefined;
    readonly 'sec-fetch-site'?: string | undefined;
  };
  /** Whether the dashboard's server is served over TLS (its own origin is then `https://<host>`). */
  readonly secure?: boolean;
}

/** A refusal, in KooDrive's `{code, msg}` error envelope so the page's client reports it like any API error. */
export interface ProxyRefusal {
  readonly status: 403 | 404 | 405;
  readonly body: { readonly code: number; readonly msg: string };
  readonly headers: Readonly<Record<string, string>>;
}

export const PROXY_ALLOW = 'allow' as const;
export type ProxyDecision = typeof PROXY_ALLOW | ProxyRefusal;

/**
 * The refusals' `code`s. The `9xx` suffix marks them as the dashboard proxy's own answers (KooDrive's codes,
 * as the mocks model them, end in `0xx`), so nobody mistakes them for the gateway's.
 */
export const PROXY_REFUSAL_CODES = {
  crossSite: 403901,
  notLoopbackHost: 403902,
  notForwarded: 404901,
  methodNotAllowed: 405901,
} as const;

const NO_STORE = { 'Cache-Control': 'no-store' } as const;

function refuse(
  status: ProxyRefusal['status'],
  code: number,
  msg: string,
  headers: Record<string, string> = {},
): ProxyRefusal {
  return { status, body: { code, msg }, headers: { ...NO_STORE, ...headers } };
}

/** `Sec-Fetch-Site` values that mean "the dashboard page itself, or the user typing the URL". */
const OWN_SITE_FETCH = new Set(['same-origin', 'none']);

/** Host names that can only be this machine: `localhost` (and `*.localhost`), 127.0.0.0/8 and `[::1]`. */
function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
  );
}

/**
 * Whether the proxy may forward this request with the access token, or the answer to give instead:
 *
 * 1. **403** when the request comes from another site: `Sec-Fetch-Site` other than `same-origin`/`none`
 *    (so `cross-site`, `same-site` — another `localhost` port is the same *site* — or anything unknown), an
 *    `Origin` that is not the server's own (`http(s)://<Host>`; `Origin: null` included), or a `Host` that is
 *    not a loopback name (a DNS-rebinding page reaches 127.0.0.1 under its own host name).
 *    Requests without `Origin` and `Sec-Fetch-Site` (curl, scripts, old browsers) are not cross-site requests
 *    a web page can make, and pass this step.
 * 2. **404** for any other request target than exactly `/koodrive/ose/v1/backup/device`: another path, a path
 *    spelled differently (`%2F`, `..`, trailing `/`), or any query string (the endpoint takes none).
 * 3. **405** (with `Allow: GET`) for any method but GET, HEAD and OPTIONS included.
 */
export function decideProxy(request: ProxyRequest): ProxyDecision {
  const { host, origin } = request.headers;
  const fetchSite = request.headers['sec-fetch-site'];

  if (fetchSite !== undefined && !OWN_SITE_FETCH.has(fetchSite.toLowerCase())) {
    return refuse(
      403,
      PROXY_REFUSAL_CODES.crossSite,
      'The dashboard proxy only forwards requests made by the dashboard page itself (Sec-Fetch-Site)',
    );
  }
  if (host === undefined || !isLoopbackHost(host)) {
    return refuse(
      403,
      PROXY_REFUSAL_CODES.notLoopbackHost,
      'The dashboard proxy only answers requests addressed to localhost or 127.0.0.1',
    );
  }
  if (origin !== undefined) {
    const ownOrigin = `${request.secure === true ? 'https' : 'http'}://${host}`.toLowerCase();
    if (origin.toLowerCase() !== ownOrigin) {
      return refuse(
        403,
        PROXY_REFUSAL_CODES.crossSite,
        'The dashboard proxy only forwards requests made by the dashboard page itself (Origin)',
      );
    }
  }
  if (request.url !== FORWARDED_PATH) {
    return refuse(
      404,
      PROXY_REFUSAL_CODES.notForwarded,
      `The dashboard proxy forwards only ${FORWARDED_METHOD} ${FORWARDED_PATH} (without a query string)`,
    );
  }
  if (request.method !== FORWARDED_METHOD) {
    return refuse(
      405,
      PROXY_REFUSAL_CODES.methodNotAllowed,
      `The dashboard proxy forwards only ${FORWARDED_METHOD} ${FORWARDED_PATH}`,
      { Allow: FORWARDED_METHOD },
    );
  }
  return PROXY_ALLOW;
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  // A repeated Origin/Host/Sec-Fetch-Site is never sent by a browser; joining keeps it from matching anything.
  return Array.isArray(value) ? value.join(',') : value;
}

/** The gate's view of a Node request. */
export function proxyRequestOf(req: IncomingMessage): ProxyRequest {
  return {
    method: req.method,
    url: req.url,
    headers: {
      host: singleHeader(req.headers.host),
      origin: singleHeader(req.headers.origin),
      'sec-fetch-site': singleHeader(req.headers['sec-fetch-site']),
    },
    secure: 'encrypted' in req.socket && req.socket.encrypted === true,
  };
}
