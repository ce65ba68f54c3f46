/** What went wrong, as a closed set: switch on it exhaustively. */
export type KooDriveErrorKind =
  | 'http'
  | 'api'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'invalid-response'
  | 'access-token'
  | 'invalid-request';

/** What every {@link KooDriveError} has, whatever its kind. */
interface KooDriveErrorBase extends Error {
  readonly name: 'KooDriveError';
  readonly kind: KooDriveErrorKind;
  /** How many requests the call made before it gave up (0 when it gave up before sending one). */
  readonly attempts: number;
  /** The underlying error, with the access token scrubbed out. */
  readonly cause?: unknown;
}

/** A non-2xx answer. `code` and `msg` are there when the body was the `{code, msg}` envelope. */
export interface KooDriveHttpError extends KooDriveErrorBase {
  readonly kind: 'http';
  readonly status: number;
  readonly code?: number;
  readonly msg?: string;
  /** The wait the server asked for in `Retry-After`, in milliseconds, when it sent one. */
  readonly retryAfterMs?: number;
}

/** A 2xx answer whose envelope `code` is not 0: KooDrive refused the call, whatever `data` held. */
export interface KooDriveApiError extends KooDriveErrorBase {
  readonly kind: 'api';
  readonly status: number;
  readonly code: number;
  readonly msg: string;
}

/** The request or the body failed before a whole answer arrived. `status` is set when the headers had arrived. */
export interface KooDriveNetworkError extends KooDriveErrorBase {
  readonly kind: 'network';
  readonly status?: number;
}

/** An attempt ran past `timeoutMs` (token function, request and body together). */
export interface KooDriveTimeoutError extends KooDriveErrorBase {
  readonly kind: 'timeout';
}

/** The caller's `signal` fired; `cause` is its reason. */
export interface KooDriveAbortedError extends KooDriveErrorBase {
  readonly kind: 'aborted';
}

/** A 2xx answer that is not what the spec describes; `field` names what was wrong (`data[3].deviceId`, `body`). */
export interface KooDriveInvalidResponseError extends KooDriveErrorBase {
  readonly kind: 'invalid-response';
  readonly status: number;
  readonly field: string;
}

/** The `accessToken` function threw or returned no usable token: no request was sent for that attempt. */
export interface KooDriveAccessTokenError extends KooDriveErrorBase {
  readonly kind: 'access-token';
}

/**
 * The call's parameters cannot make a request (a path parameter that would not name one path segment, such as `''`
 * or `'..'`): nothing was sent, and nothing is retried. `field` names the parameter.
 */
export interface KooDriveInvalidRequestError extends KooDriveErrorBase {
  readonly kind: 'invalid-request';
  readonly field: string;
}

/**
 * The only error the client's operations reject with, as a union discriminated by `kind`: after
 * `if (error.kind === 'http')`, `error.status` is a number. It never carries the access token: not in `message`,
 * `stack`, `cause`, own properties, `JSON.stringify` or `util.inspect` output.
 */
export type KooDriveError =
  | KooDriveHttpError
  | KooDriveApiError
  | KooDriveNetworkError
  | KooDriveTimeoutError
  | KooDriveAbortedError
  | KooDriveInvalidResponseError
  | KooDriveAccessTokenError
  | KooDriveInvalidRequestError;

type Writable<T> = { -readonly [K in keyof T]: T[K] };
type OfKind<K extends KooDriveErrorKind> = Extract<KooDriveError, { kind: K }>;

/** The fields a {@link KooDriveError} of kind `K` is built with (its own, plus an optional `cause`). */
export type KooDriveErrorDetails<K extends KooDriveErrorKind = KooDriveErrorKind> = Omit<
  Writable<OfKind<K>>,
  keyof KooDriveErrorBase
> & { cause?: unknown; attempts?: number };

/** `new KooDriveError(kind, message, details)`; `instanceof KooDriveError` narrows to the union. */
export interface KooDriveErrorConstructor {
  new <K extends KooDriveErrorKind>(
    kind: K,
    message: string,
    ...details: Record<never, never> extends KooDriveErrorDetails<K>
      ? [details?: KooDriveErrorDetails<K>]
      : [details: KooDriveErrorDetails<K>]
  ): OfKind<K>;
  readonly prototype: KooDriveError;
}

class KooDriveErrorClass extends Error {
  override readonly name = 'KooDriveError';
  readonly kind: KooDriveErrorKind;
  readonly attempts: number;

  constructor(kind: KooDriveErrorKind, message: string, details: { cause?: unknown; attempts?: number } = {}) {
    super(message, 'cause' in details ? { cause: details.cause } : undefined);
    this.kind = kind;
    this.attempts = details.attempts ?? 0;
    for (const [key, value] of Object.entries(details)) {
      if (key !== 'cause' && key !== 'attempts' && value !== undefined) (this as Record<string, unknown>)[key] = value;
    }
  }
}

export const KooDriveError = KooDriveErrorClass as unknown as KooDriveErrorConstructor;

/** Records how many requests the call made (the one place `attempts` is written; it is read-only to callers). */
export function withAttempts<E extends KooDriveError>(error: E, attempts: number): E {
  (error as Writable<KooDriveErrorBase>).attempts = attempts;
  return error;
}

export function isKooDriveError(value: unknown): value is KooDriveError {
  return isInstanceOf(value, KooDriveErrorClass);
}

/** `value instanceof type`, and false for what refuses to say (a Proxy whose getPrototypeOf trap throws). */
export function isInstanceOf<T>(value: unknown, type: abstract new (...args: never[]) => T): value is T {
  try {
    return value instanceof type;
  } catch {
    return false;
  }
}

const REDACTED = '[redacted]';

/** Replaces every occurrence of the secret in a string the server or a fetch implementation gave us. */
export function redact(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join(REDACTED) : text;
}

/** How many levels of a foreign error's `cause` chain are kept (deeper levels are dropped). */
const MAX_CAUSE_DEPTH = 4;

const BUILTIN_ERRORS = [TypeError, SyntaxError, RangeError, ReferenceError, URIError, EvalError] as const;

/** Reads a property of a foreign object; a throwing getter reads as undefined. */
function read(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/**
 * A copy of a foreign error (from fetch, a token function) that is safe to keep as `cause`: its name, message,
 * `code` and stack as strings with the secret redacted, and its own `cause` copied the same way (up to
 * {@link MAX_CAUSE_DEPTH} levels). Nothing else is copied: a foreign error may carry objects (a `Request`, a
 * headers map, a socket) whose `util.inspect` output shows the token from internal slots that no property walk can
 * search, so such objects are never kept, whether they mention the token or not.
 */
export function scrubCause(cause: unknown, secret: string | undefined, depth = 0): unknown {
  if (typeof cause === 'string') return redact(cause, secret);
  if (cause === null || (typeof cause !== 'object' && typeof cause !== 'function')) return cause; // numbers, null...
  let Builtin: ErrorConstructor | undefined;
  try {
    // The built-in type is kept, so `cause instanceof SyntaxError` still tells a caller what happened.
    if (cause instanceof Error) Builtin = BUILTIN_ERRORS.find((type) => cause instanceof type) ?? Error;
  } catch {
    // A Proxy whose getPrototypeOf trap throws: treated as what it pretends not to be, a non-Error.
  }
  if (Builtin === undefined) return new Error(`A non-Error ${typeof cause} was thrown`);
  const clean = (text: string) => redact(text, secret);
  const name = read(cause, 'name');
  const message = read(cause, 'message');
  const stack = read(cause, 'stack');
  const code = read(cause, 'code');
  const copy = new Builtin(clean(typeof message === 'string' ? message : ''));
  if (typeof name === 'string' && name !== copy.name) copy.name = clean(name);
  copy.stack = typeof stack === 'string' ? clean(stack) : `${copy.name}: ${copy.message}`;
  if (typeof code === 'string' || typeof code === 'number') {
    (copy as Error & { code?: string | number }).code = typeof code === 'string' ? clean(code) : code;
  }
  const inner = read(cause, 'cause');
  if (inner !== undefined && depth + 1 < MAX_CAUSE_DEPTH) copy.cause = scrubCause(inner, secret, depth + 1);
  return copy;
}
