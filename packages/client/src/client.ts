import { MATERIAL_OFFSET_CHANGE_MS, outsideWindow, ServerClock } from './clock.js';
import { type BoundDevice, readEnvelope, readErrorEnvelope } from './device.js';
import { KooDriveError, redact, scrubCause } from './errors.js';
import {
  Configuration,
  type ConfigurationParameters,
  DevicesApi,
  FetchError,
  ResponseError,
} from './generated/index.js';
import {
  abortedError,
  backoffDelay,
  DEFAULT_MAX_RETRY_AFTER_MS,
  MAX_TIMER_MS,
  parseRetryAfter,
  RETRYABLE_STATUSES,
  sleep,
} from './retry.js';
import { formatXDate } from './x-date.js';

/** Receives one line per retry and per clock correction. Never given the access token. `console` fits. */
export interface KooDriveLogger {
  debug(message: string, details?: Record<string, string | number | boolean>): void;
}

export interface KooDriveClientOptions {
  /** The gateway's base URL; may carry a path prefix and trailing slashes (they are stripped). */
  baseUrl: string;
  /** The access token, or a function called for every attempt (so a refreshed token is picked up). */
  accessToken: string | (() => string | Promise<string>);
  /** The user's ID on KooDrive, sent as `X-User-Id`. */
  userId: string;
  /** Bounds each attempt: the accessToken function, the request and the body (default 10 000 ms). */
  timeoutMs?: number;
  /**
   * Total requests per call, including the first and the one corrective retry after a clock-skew 401
   * (default 3). `1` means exactly one request: no retry of any kind.
   */
  maxAttempts?: number;
  /**
   * The longest `Retry-After` the client waits for before the next attempt (default 60 000 ms). A longer one
   * fails the call at once with the `http` error, whose `retryAfterMs` tells the caller when to come back.
   */
  maxRetryAfterMs?: number;
  /** A fetch implementation (default: the global `fetch`, looked up at call time). */
  fetch?: typeof fetch;
  /** Optional debug log sink. */
  logger?: KooDriveLogger;
}

export interface ListBoundDevicesOptions {
  /** Aborts the current attempt and any pending backoff at once (`kind: 'aborted'`). */
  signal?: AbortSignal;
}

export interface KooDriveClient {
  /** Lists the devices bound to the user. Rejects only with a {@link KooDriveError}. */
  listBoundDevices(options?: ListBoundDevicesOptions): Promise<BoundDevice[]>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_ATTEMPTS = 3;
/** Printable ASCII without spaces: what a bearer token (RFC 6750 b64token and more) and a header need. */
const TOKEN = /^[\x21-\x7e]+$/;
const HEADER_VALUE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/** One attempt's outcome when it did not produce devices. */
interface Failure {
  error: KooDriveError;
  retryable: boolean;
  /** The X-Date window rejected the attempt and the clock has now been corrected. */
  correctable: boolean;
}

/**
 * Settles like the promise, or rejects with an AbortError as soon as the signal fires, even when what is
 * awaited ignores the signal (a fetch whose body stream is not tied to it, a hanging token function).
 */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new DOMException('Aborted while waiting', 'AbortError'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new TypeError(`createKooDriveClient: ${message}`);
}

/**
 * Creates a client for KooDrive's list-bound-devices endpoint. Invalid options throw a TypeError here,
 * at creation; everything that can go wrong during a call rejects with a {@link KooDriveError}.
 */
export function createKooDriveClient(options: KooDriveClientOptions): KooDriveClient {
  const { baseUrl, accessToken, userId, logger } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  check(typeof baseUrl === 'string' && /^https?:\/\//i.test(baseUrl), 'baseUrl must be an http(s) URL');
  check(
    typeof accessToken === 'function' || (typeof accessToken === 'string' && TOKEN.test(accessToken)),
    'accessToken must be a non-empty string without spaces, or a function returning one',
  );
  check(typeof userId === 'string' && HEADER_VALUE.test(userId), 'userId must be a non-empty printable ASCII string');
  check(
    typeof timeoutMs === 'number' && timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS,
    `timeoutMs must be a positive number of at most ${MAX_TIMER_MS} (a timer's limit)`,
  );
  check(Number.isInteger(maxAttempts) && maxAttempts >= 1, 'maxAttempts must be an integer >= 1');
  check(
    typeof maxRetryAfterMs === 'number' && maxRetryAfterMs >= 0 && maxRetryAfterMs <= MAX_TIMER_MS,
    `maxRetryAfterMs must be a number from 0 to ${MAX_TIMER_MS} (a timer's limit)`,
  );
  check(options.fetch === undefined || typeof options.fetch === 'function', 'fetch must be a function');

  const basePath = baseUrl.replace(/\/+$/, '');
  const clock = new ServerClock();
  const log = (message: string, details: Record<string, string | number | boolean>) => logger?.debug(message, details);

  /** The last token the accessToken function gave, so a later failure of that function is redacted too. */
  let lastToken: string | undefined = typeof accessToken === 'string' ? accessToken : undefined;

  async function tokenForAttempt(): Promise<string> {
    let token: unknown;
    try {
      token = typeof accessToken === 'function' ? await accessToken() : accessToken;
    } catch (error) {
      throw new KooDriveError('network', 'The accessToken function failed; no request was sent', {
        cause: scrubCause(error, lastToken),
      });
    }
    if (typeof token !== 'string' || !TOKEN.test(token)) {
      throw new KooDriveError('network', 'The accessToken function returned no usable token; no request was sent');
    }
    lastToken = token;
    return token;
  }

  /** One attempt: its timer covers the accessToken function, the request and the body. */
  async function attempt(signal: AbortSignal | undefined): Promise<BoundDevice[] | Failure> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });

    let token: string | undefined;
    let response: Response | undefined;
    try {
      token = await abortable(tokenForAttempt(), controller.signal);
      const parameters: ConfigurationParameters = { basePath, accessToken: token };
      if (options.fetch !== undefined) parameters.fetchApi = options.fetch;
      const api = new DevicesApi(new Configuration(parameters));
      const offsetUsed = clock.offsetMs;
      const signedAt = clock.signingTime(offsetUsed);
      try {
        response = (
          await api.listBoundDevicesRaw(
            { xUserId: userId, xDate: formatXDate(new Date(signedAt)) },
            { signal: controller.signal },
          )
        ).raw;
      } catch (error) {
        if (!(error instanceof ResponseError)) throw error;
        response = error.response;
      }
      const serverDate = clock.learn(response.headers.get('date'), Date.now());
      if (Math.abs(clock.offsetMs - offsetUsed) >= MATERIAL_OFFSET_CHANGE_MS) {
        log('koodrive: clock offset learned from the Date header', { offsetMs: clock.offsetMs });
      }
      const text = await abortable(response.text(), controller.signal);
      const { status } = response;

      if (status >= 200 && status < 300) {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch (error) {
          throw new KooDriveError('invalid-response', 'Invalid response from KooDrive: body is not valid JSON', {
            status,
            field: 'body',
            cause: scrubCause(error, token),
          });
        }
        const envelope = readEnvelope(body);
        if (envelope.code !== 0) {
          const msg = redact(envelope.msg, token);
          const error = new KooDriveError('api', `KooDrive answered code ${envelope.code}: ${msg}`, {
            status,
            code: envelope.code,
            msg,
          });
          return { error, retryable: false, correctable: false };
        }
        if (envelope.devices === undefined) {
          throw new KooDriveError('invalid-response', 'Invalid response from KooDrive: data is missing', {
            status,
            field: 'data',
          });
        }
        return envelope.devices;
      }

      const envelope = readErrorEnvelope(text);
      const details: { status: number; code?: number; msg?: string; retryAfterMs?: number } = { status };
      let message = `KooDrive answered HTTP ${status}`;
      if (envelope !== undefined) {
        details.code = envelope.code;
        details.msg = redact(envelope.msg, token);
        message += ` (code ${envelope.code}: ${details.msg})`;
      }
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), serverDate ?? Date.now());
      if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
      return {
        error: new KooDriveError('http', message, details),
        retryable: RETRYABLE_STATUSES.has(status),
        correctable:
          status === 401 &&
          serverDate !== undefined &&
          outsideWindow(signedAt, serverDate) &&
          Math.abs(clock.offsetMs - offsetUsed) >= MATERIAL_OFFSET_CHANGE_MS,
      };
    } catch (error) {
      if (signal?.aborted) throw abortedError(signal);
      if (error instanceof KooDriveError) throw error;
      const cause = scrubCause(error instanceof FetchError ? error.cause : error, token ?? lastToken);
      if (timedOut) {
        const waitingFor = token === undefined ? ' waiting for the accessToken function' : '';
        const timeout = new KooDriveError('timeout', `The attempt timed out after ${timeoutMs} ms${waitingFor}`, {
          cause,
        });
        return { error: timeout, retryable: true, correctable: false };
      }
      const network = new KooDriveError('network', 'The request to KooDrive failed before an answer arrived', {
        ...(response === undefined ? {} : { status: response.status }),
        cause,
      });
      return { error: network, retryable: true, correctable: false };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async function listBoundDevices(callOptions: ListBoundDevicesOptions = {}): Promise<BoundDevice[]> {
    const { signal } = callOptions;
    let corrected = false;
    let backoffs = 0;
    for (let attempts = 1; ; attempts++) {
      if (signal?.aborted) throw Object.assign(abortedError(signal), { attempts: attempts - 1 });
      let outcome: BoundDevice[] | Failure;
      try {
        outcome = await attempt(signal);
      } catch (error) {
        // Errors thrown (not returned) are final: invalid responses, aborts, token provider failures.
        if (error instanceof KooDriveError) error.attempts = attempts;
        throw error;
      }
      if (Array.isArray(outcome)) return outcome;
      const { error } = outcome;
      error.attempts = attempts;
      if (attempts >= maxAttempts) throw error;
      if (outcome.correctable && !corrected) {
        corrected = true;
        log('koodrive: X-Date was outside the server window; retrying at once with the corrected clock', {
          attempt: attempts + 1,
          maxAttempts,
          offsetMs: clock.offsetMs,
        });
        continue;
      }
      if (!outcome.retryable) throw error;
      const retryAfterMs = error.retryAfterMs;
      if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) throw error;
      const delayMs = retryAfterMs ?? backoffDelay(backoffs);
      backoffs++;
      log(`koodrive: retrying after ${error.kind}${error.status === undefined ? '' : ` ${error.status}`}`, {
        attempt: attempts + 1,
        maxAttempts,
        delayMs,
      });
      await sleep(delayMs, signal).catch((abort: KooDriveError) => {
        abort.attempts = attempts;
        throw abort;
      });
    }
  }

  return { listBoundDevices };
}
