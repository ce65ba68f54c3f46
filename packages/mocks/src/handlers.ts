import { KOODRIVE_DEVICES_PATH, X_DATE_WINDOW_MS as X_DATE_MAX_AGE_MS } from '@koodrive-device/client';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { errorAnswer, jsonAnswer, type MockAnswer } from './envelope.js';
import { defaultAccounts, type MockAccount } from './fixtures.js';
import { checkRequest, type HeaderReader, indexAccounts } from './request-checks.js';
import {
  isScenarioController,
  type ResolvedScenario,
  resolveScenario,
  type Scenario,
  type ScenarioController,
} from './scenarios.js';

/**
 * The operation's path (`listBoundDevices`), the client's. The handlers match it exactly (letter case, no trailing
 * slash), as a strict gateway does, under any origin and after any path prefix (`/gateway/koodrive/ose/v1/...`).
 * How far back an `X-Date` may lie: the client's `X_DATE_WINDOW_MS`, 15 minutes, as the reference says.
 */
export { KOODRIVE_DEVICES_PATH, X_DATE_MAX_AGE_MS };
export type { MockAnswer } from './envelope.js';
export { type MockErrorReason, mockErrors } from './errors.js';
export { checkRequest, type HeaderReader, type RequestCheck } from './request-checks.js';

/** The methods the endpoint answers; every other one gets 405 with this as `Allow`. */
export const ALLOWED_METHODS = 'GET, HEAD';

/**
 * Whether a URL path (without its query) is the endpoint's: exactly `KOODRIVE_DEVICES_PATH`, or it after a path
 * prefix (`/gateway/koodrive/...`). Case-sensitive; a trailing slash or an encoded letter is another path.
 */
export function isDevicesPath(pathname: string): boolean {
  return pathname.endsWith(KOODRIVE_DEVICES_PATH) && pathname.startsWith('/');
}

export interface KooDriveHandlersOptions {
  /** The accounts the mock knows (default `defaultAccounts`). Read once, when the handlers are created. */
  accounts?: readonly MockAccount[];
  /** The mock server's clock (default `() => new Date()`). A fixed clock makes tests deterministic. */
  now?: () => Date;
  /** A fixed scenario, or a controller to switch scenarios at run time (default `'normal'`). */
  scenario?: Scenario | ScenarioController;
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

/**
 * Answers a request (`undefined`: not the endpoint's path). Synchronous except in the `slow` scenario, whose
 * answer is a promise that settles after the delay.
 */
export type KooDriveResponder = (request: MockRequest) => MockAnswer | Promise<MockAnswer> | undefined;

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
        return errorAnswer('unavailable', date, { headers: { 'Retry-After': String(scenario.retryAfterSeconds) } });
      case 'rate-limited':
        return errorAnswer('rateLimited', date, { headers: { 'Retry-After': String(scenario.retryAfterSeconds) } });
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
      return errorAnswer('methodNotAllowed', dateOf(now().getTime()), { headers: { Allow: ALLOWED_METHODS } });
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
