import { type MockErrorReason, mockErrors, WWW_AUTHENTICATE } from './errors.js';

/** One answer of the mock: always the `{code, msg}` envelope or the success body, as JSON. */
export interface MockAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A JSON answer with the mock's `Date`. */
export function jsonAnswer(status: number, body: string, date: string, extra?: Record<string, string>): MockAnswer {
  return { status, headers: { 'Content-Type': 'application/json', Date: date, ...extra }, body };
}

/**
 * The one envelope builder: the answer for an error of the table (`errors.ts`), its `{code, msg}` body (`detail`
 * appended to `msg` after a space), `WWW-Authenticate` on a 401 that has one, and any `extra` headers.
 */
export function errorAnswer(
  reason: MockErrorReason,
  date: string,
  options: { detail?: string; headers?: Record<string, string> } = {},
): MockAnswer {
  const { status, code, msg } = mockErrors[reason];
  const challenge = WWW_AUTHENTICATE[reason];
  const headers = challenge === undefined ? options.headers : { 'WWW-Authenticate': challenge, ...options.headers };
  const text = options.detail === undefined ? msg : `${msg} ${options.detail}`;
  return jsonAnswer(status, JSON.stringify({ code, msg: text }), date, headers);
}

/** `GET, HEAD` → `GET and HEAD are`, `DELETE` → `DELETE is`. */
function methodsPhrase(allow: string): string {
  const methods = allow.split(', ');
  if (methods.length === 1) return `${methods[0]} is`;
  return `${methods.slice(0, -1).join(', ')} and ${methods.at(-1)} are`;
}

/** 405 with `Allow` and the envelope naming the path's methods (`Only GET and HEAD are allowed on this endpoint`). */
export function methodNotAllowedAnswer(allow: string, date: string): MockAnswer {
  const { status, code } = mockErrors.methodNotAllowed;
  const body = JSON.stringify({ code, msg: `Only ${methodsPhrase(allow)} allowed on this endpoint` });
  return jsonAnswer(status, body, date, { Allow: allow });
}
