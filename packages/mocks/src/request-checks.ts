import { BEARER_TOKEN, BEARER_TOKEN_CHARS, X_DATE_WINDOW_MS } from '@koodrive-device/client';
import type { MockErrorReason } from './errors.js';
import type { MockAccount } from './fixtures.js';
import { parseXDate } from './x-date.js';

/** Outcome of the request checks, in the order the reference implies: token → X-User-Id → X-Date. */
export type RequestCheck = { ok: true; account: MockAccount } | { ok: false; reason: MockErrorReason };

/**
 * `Bearer <token>`: the scheme name in any case (RFC 7235 section 2.1, RFC 6750 section 2.1: `bearer` and
 * `BEARER` are `Bearer`), one or more spaces (RFC 6750: `"Bearer" 1*SP b64token`), then the token, which is
 * compared exactly; a token is what the client's `BEARER_TOKEN` says one is (printable ASCII, no spaces).
 */
const BEARER = new RegExp(`^bearer +(${BEARER_TOKEN_CHARS}+)$`, 'i');

/** What the checks read of a request's headers: a Fetch `Headers`, or anything with its `get` (names in any case). */
export interface HeaderReader {
  get(name: string): string | null;
}

/** Runs the reference's request checks against the headers (pure: no clock but `nowMs`, no I/O). */
export function checkRequest(
  headers: HeaderReader,
  accountsByToken: ReadonlyMap<string, MockAccount>,
  nowMs: number,
): RequestCheck {
  const bearer = BEARER.exec(headers.get('authorization') ?? '');
  if (bearer === null) return { ok: false, reason: 'missingToken' };
  const account = accountsByToken.get(bearer[1] ?? '');
  if (account === undefined) return { ok: false, reason: 'unknownToken' };

  const userId = headers.get('x-user-id');
  if (userId === null || userId === '') return { ok: false, reason: 'missingUserId' };
  if (userId !== account.userId) return { ok: false, reason: 'userIdMismatch' };

  const xDate = headers.get('x-date');
  if (xDate === null || xDate === '') return { ok: false, reason: 'missingXDate' };
  const parsed = parseXDate(xDate);
  if (!parsed.ok) return { ok: false, reason: parsed.reason === 'format' ? 'malformedXDate' : 'impossibleXDate' };
  // X-Date has whole seconds, the clock has milliseconds. Truncate the clock to its second
  // (floor(now / 1000) * 1000) before comparing, so a request signed with formatXDate(now) in the same
  // second is never "in the future", and the window is exactly now − 15 min ≤ X-Date ≤ now in seconds.
  const nowSecondMs = Math.floor(nowMs / 1000) * 1000;
  if (parsed.epochMs > nowSecondMs) return { ok: false, reason: 'futureXDate' };
  if (parsed.epochMs < nowSecondMs - X_DATE_WINDOW_MS) return { ok: false, reason: 'staleXDate' };
  return { ok: true, account };
}

/** The accounts by token; throws a TypeError for an account no request could name. */
export function indexAccounts(accounts: readonly MockAccount[]): Map<string, MockAccount> {
  const byToken = new Map<string, MockAccount>();
  for (const account of accounts) {
    if (typeof account.accessToken !== 'string' || !BEARER_TOKEN.test(account.accessToken)) {
      throw new TypeError('Mock account access tokens must be non-empty printable ASCII and contain no whitespace');
    }
    if (typeof account.userId !== 'string' || account.userId === '') {
      throw new TypeError('Mock account user IDs must be non-empty strings');
    }
    if (byToken.has(account.accessToken)) {
      throw new TypeError(`Two mock accounts share one access token (user ${account.userId})`);
    }
    byToken.set(account.accessToken, account);
  }
  return byToken;
}
