import { KOODRIVE_DEVICES_PATH } from '@koodrive-device/client';
import { getResponse, type HttpHandler } from 'msw';
import { type MockErrorReason, mockErrors } from '../errors.js';
import { formatXDate } from '../x-date.js';

/** The fixed clock of the tests: milliseconds on purpose, to exercise the truncation to the second. */
export const NOW = new Date('2026-02-12T10:00:00.500Z');
export const fixedNow = (): Date => NOW;

export const DEVICES_URL = `https://koodrive.example${KOODRIVE_DEVICES_PATH}`;

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** Headers as a list of pairs, so a test can send a header twice or leave it out. */
export type HeaderPairs = ReadonlyArray<readonly [string, string]>;

export async function call(
  handlers: HttpHandler[],
  headers: HeaderPairs | Record<string, string>,
  url = DEVICES_URL,
  method = 'GET',
): Promise<Answer> {
  const init = new Headers();
  for (const [name, value] of Array.isArray(headers) ? headers : Object.entries(headers)) init.append(name, value);
  const body = method === 'GET' || method === 'HEAD' ? null : '{}';
  const response = await getResponse(handlers, new Request(url, { method, headers: init, body }));
  if (response === undefined) throw new Error(`no handler answered ${method} ${url}`);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Valid headers for an account, signed `ageMs` before NOW (negative: in the future). */
export function validHeaders(account: { accessToken: string; userId: string }, ageMs = 0): Record<string, string> {
  return {
    Authorization: `Bearer ${account.accessToken}`,
    'X-User-Id': account.userId,
    'X-Date': formatXDate(new Date(NOW.getTime() - ageMs)),
  };
}

/** The `{code, msg}` envelope of an error of the table. */
export function envelopeOf(reason: MockErrorReason) {
  const { code, msg } = mockErrors[reason];
  return { code, msg };
}

/** Any request through the handlers: a method, a URL, headers and a body (a string, or none). */
export async function send(
  handlers: HttpHandler[],
  init: { method: string; url: string; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  const response = await getResponse(
    handlers,
    new Request(init.url, { method: init.method, headers: init.headers ?? {}, body: init.body ?? null }),
  );
  if (response === undefined) throw new Error(`no handler answered ${init.method} ${init.url}`);
  return { status: response.status, headers: response.headers, text: await response.text() };
}
