import { delay, type HttpHandler, HttpResponse, http } from 'msw';
import { defaultAccounts, type MockAccount } from './fixtures.js';
import {
  isScenarioController,
  type ResolvedScenario,
  resolveScenario,
  type Scenario,
  type ScenarioController,
} from './scenarios.js';
import { parseXDate } from './x-date.js';

/** The operation's path (`listBoundDevices`). The handlers match it under any origin and any path prefix. */
export const KOODRIVE_DEVICES_PATH = '/koodrive/ose/v1/backup/device';

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
 * `BEARER` are `Bearer`), one space, then the token, which is compared exactly.
 */
const BEARER = /^bearer (\S+)$/i;

/** Runs the reference's request checks against the headers (pure: no clock but `nowMs`, no I/O). */
export function checkRequest(
  headers: Headers,
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

function jsonResponse(
  status: number,
  body: string,
  date: string,
  extra?: Record<string, string>,
): HttpResponse<string> {
  return new HttpResponse(body, {
    status,
    headers: { 'Content-Type': 'application/json', Date: date, ...extra },
  });
}

function errorResponse(reason: MockErrorReason, date: string, extra?: Record<string, string>): HttpResponse<string> {
  const { status, code, msg } = mockErrors[reason];
  return jsonResponse(status, JSON.stringify({ code, msg }), date, extra);
}

/**
 * msw 2 handlers for `GET <any origin and prefix>/koodrive/ose/v1/backup/device` that behave like KooDrive: every request check
 * the reference states, the `{code, msg}` envelope on every error, a `Date` header from `now()` on every
 * answer, and the scenario chosen by `options.scenario` (read on every request when it is a controller).
 */
export function createKooDriveHandlers(options: KooDriveHandlersOptions = {}): HttpHandler[] {
  const accountsByToken = indexAccounts(options.accounts ?? defaultAccounts);
  const now = options.now ?? (() => new Date());
  const scenarioOption = options.scenario ?? 'normal';
  const fixed = isScenarioController(scenarioOption) ? undefined : resolveScenario(scenarioOption);
  const controller = isScenarioController(scenarioOption) ? scenarioOption : undefined;
  const currentScenario = (): ResolvedScenario => fixed ?? resolveScenario(controller?.current ?? 'normal');
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

  return [
    http.get(`*${KOODRIVE_DEVICES_PATH}`, async ({ request }) => {
      const scenario = currentScenario();
      if (scenario.name === 'slow' && scenario.delayMs > 0) await delay(scenario.delayMs);
      const nowMs = now().getTime();
      const date = new Date(nowMs).toUTCString();

      switch (scenario.name) {
        case 'unauthorized':
          return errorResponse('scenarioUnauthorized', date);
        case 'server-error':
          return errorResponse('serverError', date);
        case 'unavailable':
          return errorResponse('unavailable', date, { 'Retry-After': String(scenario.retryAfterSeconds) });
        default:
          break;
      }

      const check = checkRequest(request.headers, accountsByToken, nowMs);
      if (!check.ok) return errorResponse(check.reason, date);

      switch (scenario.name) {
        case 'empty':
          return jsonResponse(200, EMPTY_BODY, date);
        case 'envelope-error':
          return errorResponse('envelopeError', date);
        case 'malformed':
          return jsonResponse(200, truncateBody(bodyOf(check.account)), date);
        default:
          return jsonResponse(200, bodyOf(check.account), date);
      }
    }),
  ];
}

/** `createKooDriveHandlers()` with the defaults: the default accounts, the real clock, `normal`. */
export const handlers: HttpHandler[] = createKooDriveHandlers();
