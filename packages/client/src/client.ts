import { type AttemptSettings, attempt, type Operation } from './attempt.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from './body.js';
import { ServerClock } from './clock.js';
import { BEARER_TOKEN } from './endpoint.js';
import { isKooDriveError, KooDriveError, scrubCause, withAttempts } from './errors.js';
import { operations } from './generated/operations.js';
import type { KooDriveOperations, OperationParameters } from './operation-types.js';
import { abortedError, backoffDelay, DEFAULT_MAX_RETRY_AFTER_MS, isRetryable, MAX_TIMER_MS, sleep } from './retry.js';

/** Receives one line per retry and per clock correction. Never given the access token. `console` fits. */
export interface KooDriveLogger {
  debug(message: string, details?: Record<string, string | number | boolean>): void;
}

/** What `onRetry` is told before the client tries again. */
export interface KooDriveRetryEvent {
  /** The attempt about to be made (2 for the first retry). */
  readonly attempt: number;
  readonly maxAttempts: number;
  /** How long the client waits before it (0 for the immediate retry after a clock correction). */
  readonly delayMs: number;
  /** Why the previous attempt failed. */
  readonly error: KooDriveError;
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
  /**
   * The largest response body read, in bytes after decompression (default 8 MiB, about 45 000 devices). Past it
   * the attempt is aborted and the call fails as `invalid-response` with field `body`, without a retry.
   */
  maxResponseBytes?: number;
  /** A fetch implementation (default: the global `fetch`, looked up at call time). */
  fetch?: typeof fetch;
  /** Optional debug log sink. */
  logger?: KooDriveLogger;
  /** Called before every retry, e.g. to show progress. An exception it throws is ignored. */
  onRetry?: (event: KooDriveRetryEvent) => void;
}

/** What `listBoundDevices` takes: its caller-set parameters (none today) and `signal`. */
export type ListBoundDevicesOptions = OperationParameters<'listBoundDevices'>;

/**
 * A client of KooDrive's API: one method per operation of the spec, named by its operationId, written by the
 * generator (`listBoundDevices(parameters?)` today). Each takes the operation's caller-set parameters and `signal`,
 * resolves to the 2xx envelope's `data` (or nothing when the answer has none) and rejects only with a
 * {@link KooDriveError}.
 */
export type KooDriveClient = KooDriveOperations;

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_ATTEMPTS = 3;
const HEADER_VALUE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

function check(condition: boolean, message: string): void {
  if (!condition) throw new TypeError(`createKooDriveClient: ${message}`);
}

/**
 * Creates a client for KooDrive's API, with a method for every operation of the spec. Invalid options throw a TypeError here,
 * at creation; everything that can go wrong during a call rejects with a {@link KooDriveError}.
 */
export function createKooDriveClient(options: KooDriveClientOptions): KooDriveClient {
  const { baseUrl, accessToken, userId, logger, onRetry } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  check(typeof baseUrl === 'string' && /^https?:\/\//i.test(baseUrl), 'baseUrl must be an http(s) URL');
  check(
    typeof accessToken === 'function' || (typeof accessToken === 'string' && BEARER_TOKEN.test(accessToken)),
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
  check(
    Number.isSafeInteger(maxResponseBytes) && maxResponseBytes > 0,
    'maxResponseBytes must be a positive integer number of bytes',
  );
  check(options.fetch === undefined || typeof options.fetch === 'function', 'fetch must be a function');
  check(onRetry === undefined || typeof onRetry === 'function', 'onRetry must be a function');

  const clock = new ServerClock();
  const log = (message: string, details: Record<string, string | number | boolean>) => logger?.debug(message, details);

  /** The last token the accessToken function gave, so a later failure of that function is redacted too. */
  let lastToken: string | undefined = typeof accessToken === 'string' ? accessToken : undefined;

  async function tokenForAttempt(): Promise<string> {
    let token: unknown;
    try {
      token = typeof accessToken === 'function' ? await accessToken() : accessToken;
    } catch (error) {
      throw new KooDriveError('access-token', 'The accessToken function failed; no request was sent', {
        cause: scrubCause(error, lastToken),
      });
    }
    if (typeof token !== 'string' || !BEARER_TOKEN.test(token)) {
      throw new KooDriveError('access-token', 'The accessToken function returned no usable token; no request was sent');
    }
    lastToken = token;
    return token;
  }

  const settings: AttemptSettings = {
    basePath: baseUrl.replace(/\/+$/, ''),
    userId,
    token: typeof accessToken === 'string' ? () => accessToken : tokenForAttempt,
    fetch: options.fetch,
    clock,
    timeoutMs,
    maxResponseBytes,
    log,
  };

  function notifyRetry(event: KooDriveRetryEvent): void {
    try {
      onRetry?.(event);
    } catch {
      // A progress callback must not change the call's outcome.
    }
  }

  /** One call of an operation: its attempts, the clock correction, retries by method, backoff and abort. */
  async function call(operation: Operation, callParameters: { signal?: AbortSignal } | undefined): Promise<unknown> {
    const { signal, ...parameters } = callParameters ?? {};
    let corrected = false;
    let backoffs = 0;
    for (let attempts = 1; ; attempts++) {
      if (signal?.aborted) throw withAttempts(abortedError(signal), attempts - 1);
      const outcome = await attempt(settings, operation, parameters, signal);
      if (outcome.ok) return outcome.data;
      if (outcome.error.kind === 'invalid-request') throw withAttempts(outcome.error, attempts - 1); // nothing sent
      const error = withAttempts(outcome.error, attempts);
      if (attempts >= maxAttempts || error.kind === 'aborted') throw error;
      if (outcome.correctable && !corrected) {
        corrected = true;
        log('koodrive: X-Date was outside the server window; retrying at once with the corrected clock', {
          attempt: attempts + 1,
          maxAttempts,
          offsetMs: clock.offsetMs,
        });
        notifyRetry({ attempt: attempts + 1, maxAttempts, delayMs: 0, error });
        continue;
      }
      if (!isRetryable(error, operation.method)) throw error;
      const retryAfterMs = error.kind === 'http' ? error.retryAfterMs : undefined;
      if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) throw error;
      const delayMs = retryAfterMs ?? backoffDelay(backoffs);
      backoffs++;
      log(`koodrive: retrying after ${error.kind}${error.kind === 'http' ? ` ${error.status}` : ''}`, {
        attempt: attempts + 1,
        maxAttempts,
        delayMs,
      });
      notifyRetry({ attempt: attempts + 1, maxAttempts, delayMs, error });
      await sleep(delayMs, signal).catch((abort: unknown) => {
        throw isKooDriveError(abort) ? withAttempts(abort, attempts) : abort;
      });
    }
  }

  // One method per operation of the generated table: nothing here is written per operation. Each generated request
  // function takes its own operation's parameters; `call` passes it the caller's, typed by KooDriveOperations.
  const client: Record<string, (parameters?: { signal?: AbortSignal }) => Promise<unknown>> = {};
  for (const [operationId, operation] of Object.entries(operations as unknown as Record<string, Operation>)) {
    client[operationId] = (parameters) => call(operation, parameters);
  }
  return Object.freeze(client) as unknown as KooDriveClient;
}
