import { BodyTooLargeError, parseJson, readBoundedText } from './body.js';
import { MATERIAL_OFFSET_CHANGE_MS, outsideWindow, type ServerClock } from './clock.js';
import { isKooDriveError, KooDriveError, redact, scrubCause } from './errors.js';
import { Configuration, DevicesApi, type Middleware } from './generated/index.js';
import { parseRetryAfter } from './retry.js';
import { validators } from './validation.js';

/** What one attempt's middleware learns and what the attempt needs to judge its outcome; keyed by its signal. */
export interface AttemptState {
  /** The caller's signal, if any: when it fired, every failure is `aborted`. */
  readonly callerSignal: AbortSignal | undefined;
  /** The X-Date this attempt signed, and the clock offset it was signed with. */
  readonly signedAt: number;
  readonly offsetUsed: number;
  /** The attempt's time limit; its timer sets `timedOut`. */
  readonly timeoutMs: number;
  timedOut: boolean;
  /** True once the request is handed to fetch (the token function has answered by then). */
  sent: boolean;
  /** The token the request carries, for redaction. */
  token: string | undefined;
  /** A 401 that the clock correction can fix: the X-Date was outside the window and the offset moved. */
  correctable: boolean;
}

export interface TransportSettings {
  basePath: string;
  accessToken: () => Promise<string>;
  fetch: typeof fetch | undefined;
  clock: ServerClock;
  maxResponseBytes: number;
  log: (message: string, details: Record<string, string | number | boolean>) => void;
}

const BEARER = 'Bearer ';

/** The token in the request's `Authorization` header, as the generated code set it. */
function sentToken(init: RequestInit): string | undefined {
  const value = (init.headers as Record<string, string> | undefined)?.Authorization;
  return value?.startsWith(BEARER) ? value.slice(BEARER.length) : undefined;
}

/** The `invalid-response` for a body past `maxResponseBytes` (the attempt is over: not retried). */
function tooLarge(status: number, error: BodyTooLargeError): KooDriveError {
  return new KooDriveError('invalid-response', `Invalid response from KooDrive: body ${error.message}`, {
    status,
    field: 'body',
  });
}

/**
 * What a failure of fetch or of reading the body means for the call: `aborted` when the caller's signal fired,
 * `timeout` when the attempt's timer did, otherwise `network`. The cause is a scrubbed copy.
 */
export function transportError(state: AttemptState, error: unknown, status?: number): KooDriveError {
  if (isKooDriveError(error)) return error;
  if (state.callerSignal?.aborted) {
    return new KooDriveError('aborted', 'The call to KooDrive was aborted', { cause: state.callerSignal.reason });
  }
  const cause = scrubCause(error, state.token);
  if (state.timedOut) {
    const waitingFor = state.sent ? '' : ' waiting for the accessToken function';
    return new KooDriveError('timeout', `The attempt timed out after ${state.timeoutMs} ms${waitingFor}`, { cause });
  }
  return new KooDriveError('network', 'The request to KooDrive failed before an answer arrived', {
    ...(status === undefined ? {} : { status }),
    cause,
  });
}

/**
 * A response body as text, bounded by `maxBytes`; every failure is the attempt's KooDriveError: past the bound
 * `invalid-response` (field `body`), a cut-off body `network`, `timeout` or `aborted`.
 */
export async function readBody(response: Response, state: AttemptState, maxBytes: number): Promise<string> {
  try {
    return await readBoundedText(response, maxBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw tooLarge(response.status, error);
    throw transportError(state, error, response.status);
  }
}

/** The `http` error for a non-2xx answer, with the envelope's `code` and `msg` when the body is the envelope. */
async function httpError(response: Response, state: AttemptState, settings: TransportSettings, serverDate?: number) {
  const { status } = response;
  const text = await readBody(response, state, settings.maxResponseBytes);
  const details: { status: number; code?: number; msg?: string; retryAfterMs?: number } = { status };
  let message = `KooDrive answered HTTP ${status}`;
  let body: unknown;
  try {
    body = parseJson(text);
  } catch {
    body = undefined; // a gateway's HTML page: the status alone says what happened
  }
  if (validators.ErrorEnvelope(body)) {
    const envelope = body as { code: number; msg: string };
    details.code = envelope.code;
    details.msg = redact(envelope.msg, state.token);
    message += ` (code ${envelope.code}: ${details.msg})`;
  }
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), serverDate ?? Date.now());
  if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
  return new KooDriveError('http', message, details);
}

/**
 * The one generated `DevicesApi` of a client, configured through the generator's extension points:
 * - `accessToken`: the client's per-attempt token function (the generated code adds `Bearer `);
 * - `fetchApi`: the caller's fetch (looked up at call time), wrapped to note what the attempt sent, learn the
 *   server's clock from every answer's `Date`, and turn a non-2xx answer into an `http` KooDriveError, so the
 *   generated `ResponseError` is never thrown and never caught. (Not a `post` middleware: the runtime hands `post`
 *   a `Response.clone()`, a tee of every body, which cost about 15% of a whole call at the sizes users have.)
 * - middleware `onError`: turns whatever the fetch step threw into a `network`, `timeout` or `aborted`
 *   KooDriveError (passing the client's own `http` error through), so the generated `FetchError` is never thrown.
 * Each attempt passes its own `AbortSignal` in the init overrides; the wrapper finds the attempt's state by it.
 */
export function createDevicesApi(settings: TransportSettings, states: WeakMap<AbortSignal, AttemptState>): DevicesApi {
  const { clock, log } = settings;
  const stateOf = (init: RequestInit): AttemptState => {
    const state = init.signal ? states.get(init.signal) : undefined;
    if (state === undefined) throw new TypeError('koodrive: a request was sent without its attempt state');
    return state;
  };
  async function fetchApi(url: string, init: RequestInit): Promise<Response> {
    const state = stateOf(init);
    state.sent = true;
    state.token = sentToken(init);
    const response = await (settings.fetch ?? fetch)(url, init);
    const serverDate = clock.learn(response.headers.get('date'), Date.now());
    if (Math.abs(clock.offsetMs - state.offsetUsed) >= MATERIAL_OFFSET_CHANGE_MS) {
      log('koodrive: clock offset learned from the Date header', { offsetMs: clock.offsetMs });
    }
    if (response.status >= 200 && response.status < 300) return response;
    state.correctable =
      response.status === 401 &&
      serverDate !== undefined &&
      outsideWindow(state.signedAt, serverDate) &&
      Math.abs(clock.offsetMs - state.offsetUsed) >= MATERIAL_OFFSET_CHANGE_MS;
    throw await httpError(response, state, settings, serverDate);
  }
  const errorMapping: Middleware = {
    async onError({ init, error }) {
      throw transportError(stateOf(init), error);
    },
  };
  return new DevicesApi(
    new Configuration({
      basePath: settings.basePath,
      accessToken: settings.accessToken,
      fetchApi,
      middleware: [errorMapping],
    }),
  );
}
