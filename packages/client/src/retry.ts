import { KooDriveError } from './errors.js';

/** Statuses worth another attempt: rate limited, or a gateway / the service momentarily unavailable. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);
/** Methods a server may receive twice without harm (RFC 9110 idempotent): retried after any transient failure. */
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
/** Statuses by which a server says it did not process the request: the only retries of a POST or a PATCH. */
const NOT_PROCESSED_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/**
 * Whether a failed attempt of a `method` request is worth another: for an idempotent method a retryable status, a
 * network failure or a timeout; for POST and PATCH only 429 or 503, never a failure after which the server may have
 * acted (a network error, a timeout, 500, 502, 504).
 */
export function isRetryable(error: KooDriveError, method: string): boolean {
  if (!IDEMPOTENT_METHODS.has(method)) return error.kind === 'http' && NOT_PROCESSED_STATUSES.has(error.status);
  if (error.kind === 'http') return RETRYABLE_STATUSES.has(error.status);
  return error.kind === 'network' || error.kind === 'timeout';
}

export const BACKOFF_BASE_MS = 250;
export const BACKOFF_CAP_MS = 8000;
/**
 * The longest delay `setTimeout` honours (2^31 − 1 ms, about 24.8 days): longer ones fire after 1 ms, so
 * `timeoutMs` and `maxRetryAfterMs` may not exceed it.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** By default a `Retry-After` longer than this is not waited for: the call fails at once with the `http` error. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

/** Full jitter: a uniformly random wait in [0, min(cap, base · 2^retry)). `retry` counts from 0. */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry));
}

/**
 * `Retry-After` in milliseconds (RFC 9110: delay-seconds or an HTTP-date), or undefined when absent or
 * unusable (then the backoff applies). An HTTP-date is compared with the server's own `Date` header
 * when there is one, so a skewed local clock does not distort it; a date in the past means "now".
 */
export function parseRetryAfter(value: string | null, serverNow: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined; // "1.5", "-3", "": not RFC 9110, use the backoff
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - serverNow);
}

export function abortedError(signal: AbortSignal): KooDriveError {
  return new KooDriveError('aborted', 'The call to KooDrive was aborted', { cause: signal.reason });
}

/** Waits `ms`, or rejects at once with an `aborted` KooDriveError when the signal fires. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortedError(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
