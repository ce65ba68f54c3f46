/** The standalone server's default port (documented in the README). */
export const DEFAULT_MOCK_SERVER_PORT = 4010;
/** The standalone server's default host: loopback only. */
export const DEFAULT_MOCK_SERVER_HOST = '127.0.0.1';

/** Throws a RangeError or TypeError for a port or host `listen` could not take. */
export function checkListenOptions(port: number, host: string): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port must be an integer from 0 to 65535, got ${port}`);
  }
  if (typeof host !== 'string' || host === '') throw new TypeError('host must be a non-empty string');
}

/** `http://localhost:5173/` → `http://localhost:5173`; a TypeError for anything that is not an http(s) origin. */
export function normaliseOrigin(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new TypeError(`controlOrigins: ${JSON.stringify(origin)} is not an origin such as http://localhost:5173`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin.replace(/\/$/, '')) {
    throw new TypeError(`controlOrigins: ${JSON.stringify(origin)} is not an origin such as http://localhost:5173`);
  }
  return url.origin;
}
