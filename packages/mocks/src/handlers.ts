import { type HttpHandler, HttpResponse, http } from 'msw';
import { defaultAccounts, type MockAccount } from './fixtures.js';
import {
  isScenarioController,
  type ResolvedScenario,
  resolveScenario,
  type Scenario,
  type ScenarioController,
} from './scenarios.js';
import { parseXDate } from './x-date.js';

/**
 * The operation's path (`listBoundDevices`). The handlers match it exactly (letter case, no trailing slash), as a
 * strict gateway does, under any origin and after any path prefix (`/gateway/koodrive/ose/v1/backup/device`).
 */
export const KOODRIVE_DEVICES_PATH = '/koodrive/ose/v1/backup/device';

/** The methods the endpoint answers; every other one gets 405 with this as `Allow`. */
export const ALLOWED_METHODS = 'GET, HEAD';

/**
 * Whether a URL path (without its query) is the endpoint's: exactly `KOODRIVE_DEVICES_PATH`, or it after a path
 * prefix (`/gateway/koodrive/...`). Case-sensitive; a trailing slash or an encoded letter is another path.
 */
export function isDevicesPath(pathname: string): boolean {
  return pathname.endsWith(KOODRIVE_DEVICES_PATH) && pathname.startsWith('/');
}

/** How far back an `X-Date` may lie: 15 minutes, as the reference says. */
export const X_DATE_MAX_AGE_MS = 15 * 60 * 1000;

/**
 * Every non-success answer the mock gives, with its status and `{code, msg}`. The statuses and codes are
 * the spec's assumptions (the reference page documents no errors). Messages never echo request values,
 * so no token ever lands in a message.
 */
export const mockErrors = {
  missingToken: {
    status: 401,
    code: 401001,
    msg: 'The access token is missing or not sent as "Authorization: Bearer <access token>"',
  },
  unknownToken: { status: 401, code: 401001, msg: 'The access token is missing, unknown or expired' },
  missingUserId: { status: 400, code: 400002, msg: 'X-User-Id is missing' },
  userIdMismatch: { status: 403, code: 403001, msg: 'X-User-Id does not match the access token' },
  missingXDate: { status: 400, code: 400001, msg: 'X-Date is missing' },
  malformedXDate: { status: 400, code: 400001, msg: "X-Date is not in the format yyyyMMdd'T'HHmmss'Z'" },
  impossibleXDate: { status: 400, code: 400003, msg: 'X-Date is not a real UTC calendar time' },
  futureXDate: { status: 401, code: 401002, msg: "X-Date is later than the server's current time" },
  staleXDate: { status: 401, code: 401003, msg: 'X-Date is more than 15 minutes old' },
  envelopeError: { status: 200, code: 100001, msg: 'The bound devices could not be listed, try again later' },
  scenarioUnauthorized: { status: 401, code: 401001, msg: 'The access token is missing, unknown or expired' },
  serverError: { status: 500, code: 500001, msg: 'Internal server error' },
  unavailable: { status: 503, code: 503001, msg: 'Service temporarily unavailable' },
  rateLimited: { status: 429, code: 429001, msg: 'Too many requests' },
  methodNotAllowed: { status: 405, code: 405002, msg: 'Only GET and HEAD are allowed on this endpoint' },
} as const satisfies Record<string, { status: number; code: number; msg: string }>;

export type MockErrorReason = keyof typeof mockErrors;

export interface KooDriveHandlersOptions {
  /** The accounts the mock knows (default `defaultAccounts`). Read once, when the handlers are created. */
  accounts?: readonly MockAccount[];
  /** The mock server's clock (default `() => new Date()`). A fixed clock makes tests deterministic. */
  now?: () => Date;
  /** A fixed scenario, or a controller to switch scenarios at run time (default `'normal'`). */
  scenario?: Scenario | ScenarioController;
}

/** Outcome of the request checks, in the order the reference implies: token → X-User-Id → X-Date. */
export type RequestCheck = { ok: true; account: MockAccount } | { ok: false; reason: MockErrorReason };

/**
 * `Bearer <token>`: the scheme name in any case (RFC 7235 section 2.1, RFC 6750 section 2.1: `bearer` and
 * `BEARER` are `Bearer`), one or more spaces (RFC 6750: `"Bearer" 1*SP b64token`), then the token, which is
 * compared exactly.
 */
const BEARER = /^bearer +(\S+)$/i;

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
  if (parsed.epochMs < nowSecondMs - X_DATE_MAX_AGE_MS) return { ok: false, reason: 'staleXDate' };
  return { ok: true, account };
}

function indexAccounts(accounts: readonly MockAccount[]): Map<string, MockAccount> {
  const byToken = new Map<string, MockAccount>();
  for (const account of accounts) {
    if (typeof account.accessToken !== 'string' || !/^\S+$/.test(account.accessToken)) {
      throw new TypeError('Mock account access tokens must be non-empty and contain no whitespace');
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

/** The success body, serialised like the reference's example (`data`, `code`, `msg`). */
export function successBody(account: Pick<MockAccount, 'devices'>): string {
  return JSON.stringify({ data: account.devices, code: 0, msg: 'success' });
}

/** The `malformed` scenario's body: the first half of a valid body, never valid JSON itself. */
export function truncateBody(body: string): string {
  return body.slice(0, Math.max(1, Math.floor(body.length / 2)));
}

const EMPTY_BODY = successBody({ devices: [] });

/** One request, as the responder reads it: method, URL path without the query, headers. */
export interface MockRequest {
  readonly method: string;
  readonly pathname: string;
  readonly headers: HeaderReader;
}

/** One answer of the mock: always the `{code, msg}` envelope or the success body, as JSON. */
export interface MockAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Answers a request (`undefined`: not the endpoint's path). Synchronous except in the `slow` scenario, whose
 * answer is a promise that settles after the delay.
 */
export type KooDriveResponder = (request: MockRequest) => MockAnswer | Promise<MockAnswer> | undefined;

/**
 * `WWW-Authenticate` of each 401 (RFC 6750 section 3): no error code when no token was sent, `invalid_token`
 * when the token is unknown or revoked, and `invalid_token` with a description for an `X-Date` outside the
 * window (the signature, which the token vouches for, is not valid now).
 */
const WWW_AUTHENTICATE: Partial<Record<MockErrorReason, string>> = {
  missingToken: 'Bearer realm="koodrive"',
  unknownToken: 'Bearer realm="koodrive", error="invalid_token"',
  scenarioUnauthorized: 'Bearer realm="koodrive", error="invalid_token"',
  futureXDate: 'Bearer realm="koodrive", error="invalid_token", error_description="X-Date is in the future"',
  staleXDate: 'Bearer realm="koodrive", error="invalid_token", error_description="X-Date is too old"',
};

function jsonAnswer(status: number, body: string, date: string, extra?: Record<string, string>): MockAnswer {
  return { status, headers: { 'Content-Type': 'application/json', Date: date, ...extra }, body };
}

function errorAnswer(reason: MockErrorReason, date: string, extra?: Record<string, string>): MockAnswer {
  const { status, code, msg } = mockErrors[reason];
  const challenge = WWW_AUTHENTICATE[reason];
  const headers = challenge === undefined ? extra : { 'WWW-Authenticate': challenge, ...extra };
  return jsonAnswer(status, JSON.stringify({ code, msg }), date, headers);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The mock's whole behaviour as one plain function, shared by the msw handlers and the standalone server (which
 * calls it directly, without building Fetch objects, for throughput): the method check (405 with `Allow`), every
 * request check the reference states, the `{code, msg}` envelope on every error, a `Date` header from `now()` on
 * every answer, `WWW-Authenticate` on every 401, and the scenario (read on every request from a controller).
 */
export function createKooDriveResponder(options: KooDriveHandlersOptions = {}): KooDriveResponder {
  const accountsByToken = indexAccounts(options.accounts ?? defaultAccounts);
  const now = options.now ?? (() => new Date());
  const scenarioOption = options.scenario ?? 'normal';
  const fixed = isScenarioController(scenarioOption) ? undefined : resolveScenario(scenarioOption);
  const controller = isScenarioController(scenarioOption) ? scenarioOption : undefined;
  // A controller's current scenario is resolved again only when it changes (by identity).
  let lastSeen: Scenario | undefined;
  let lastResolved: ResolvedScenario | undefined;
  const currentScenario = (): ResolvedScenario => {
    if (fixed !== undefined) return fixed;
    const current = controller?.current ?? 'normal';
    if (current !== lastSeen || lastResolved === undefined) {
      lastResolved = resolveScenario(current);
      lastSeen = current;
    }
    return lastResolved;
  };
  // Serialising 100k devices takes tens of milliseconds: do it once per account.
  const bodies = new Map<MockAccount, string>();
  const bodyOf = (account: MockAccount): string => {
    let body = bodies.get(account);
    if (body === undefined) {
      body = successBody(account);
      bodies.set(account, body);
    }
    return body;
  };
  // toUTCString() once per second of the clock, not once per request.
  let dateSecond = Number.NaN;
  let dateText = '';
  const dateOf = (nowMs: number): string => {
    const second = Math.floor(nowMs / 1000);
    if (second !== dateSecond) {
      dateSecond = second;
      dateText = new Date(nowMs).toUTCString();
    }
    return dateText;
  };

  const answer = (request: MockRequest, scenario: ResolvedScenario): MockAnswer => {
    const nowMs = now().getTime();
    const date = dateOf(nowMs);
    switch (scenario.name) {
      case 'unauthorized':
        return errorAnswer('scenarioUnauthorized', date);
      case 'server-error':
        return errorAnswer('serverError', date);
      case 'unavailable':
        return errorAnswer('unavailable', date, { 'Retry-After': String(scenario.retryAfterSeconds) });
      case 'rate-limited':
        return errorAnswer('rateLimited', date, { 'Retry-After': String(scenario.retryAfterSeconds) });
      default:
        break;
    }

    const check = checkRequest(request.headers, accountsByToken, nowMs);
    if (!check.ok) return errorAnswer(check.reason, date);

    switch (scenario.name) {
      case 'empty':
        return jsonAnswer(200, EMPTY_BODY, date);
      case 'envelope-error':
        return errorAnswer('envelopeError', date);
      case 'malformed':
        return jsonAnswer(200, truncateBody(bodyOf(check.account)), date);
      default:
        return jsonAnswer(200, bodyOf(check.account), date);
    }
  };

  return (request) => {
    if (!isDevicesPath(request.pathname)) return undefined;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return errorAnswer('methodNotAllowed', dateOf(now().getTime()), { Allow: ALLOWED_METHODS });
    }
    const scenario = currentScenario();
    if (scenario.name === 'slow' && scenario.delayMs > 0) {
      return sleep(scenario.delayMs).then(() => answer(request, scenario));
    }
    return answer(request, scenario);
  };
}

/**
 * Matches the endpoint's path after any origin and prefix, case-sensitively and without a trailing slash (msw
 * matches a RegExp against the URL without its query and hash).
 */
const DEVICES_URL_PATTERN = new RegExp(`^[a-z][a-z0-9+.-]*://[^/]+(?:/[^?#]*)?${KOODRIVE_DEVICES_PATH}$`);

/**
 * msw 2 handlers for `<any origin and prefix>/koodrive/ose/v1/backup/device` that behave like KooDrive (see
 * {@link createKooDriveResponder}): `GET` and `HEAD` answered, every other method 405 with `Allow: GET, HEAD`.
 */
export function createKooDriveHandlers(options: KooDriveHandlersOptions = {}): HttpHandler[] {
  const respond = createKooDriveResponder(options);
  return [
    http.all(DEVICES_URL_PATTERN, async ({ request }) => {
      const answer = await respond({
        method: request.method,
        pathname: new URL(request.url).pathname,
        headers: request.headers,
      });
      if (answer === undefined) return undefined;
      return new HttpResponse(answer.body, { status: answer.status, headers: answer.headers });
    }),
  ];
}
