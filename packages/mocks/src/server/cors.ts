import type { MockAnswer } from '../envelope.js';
import type { PathRoute } from '../spec.js';

/** On every answer of the endpoint: any page may call it (the token is a header, never a cookie). */
export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Date, Retry-After, WWW-Authenticate',
} as const;

/**
 * A path's CORS preflight: the methods the spec gives it (`Allow`) and the headers a client sends (Authorization,
 * the operations' header parameters, Content-Type when one takes a JSON body).
 */
export function endpointPreflight(route: PathRoute, date: string): MockAnswer {
  return {
    status: 204,
    headers: {
      ...CORS_HEADERS,
      'Access-Control-Allow-Methods': route.allow,
      'Access-Control-Allow-Headers': route.requestHeaders,
      'Access-Control-Max-Age': '600',
      Date: date,
    },
    body: '',
  };
}

/** The scenario control endpoint's CORS headers: only for an allowed origin, and never `*`. */
export function controlCors(
  origin: string | undefined,
  allowedOrigins: ReadonlySet<string>,
): Record<string, string> | null {
  return origin !== undefined && allowedOrigins.has(origin)
    ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' }
    : null;
}

/** The scenario control endpoint's CORS preflight, for an allowed origin (`cors` from {@link controlCors}). */
export function controlPreflight(cors: Record<string, string>, date: string): MockAnswer {
  return {
    status: 204,
    headers: {
      ...cors,
      'Access-Control-Allow-Methods': 'GET, PUT',
      'Access-Control-Allow-Headers': 'Content-Type',
      'Access-Control-Max-Age': '600',
      Date: date,
    },
    body: '',
  };
}
