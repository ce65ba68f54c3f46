/** What went wrong, as a closed set: switch on it exhaustively. */
export type KooDriveErrorKind = 'http' | 'api' | 'network' | 'timeout' | 'aborted' | 'invalid-response';

export interface KooDriveErrorDetails {
  /** The HTTP status, when an answer arrived. */
  status?: number;
  /** The envelope's `code`, when the body was the `{code, msg}` envelope. */
  code?: number;
  /** The envelope's `msg`, when the body was the `{code, msg}` envelope. */
  msg?: string;
  /** For `invalid-response`: the field that was wrong, as a path (`data[3].deviceId`). */
  field?: string;
  /** How many requests the call made before it gave up. */
  attempts?: number;
  /** For `http`: the wait the server asked for in `Retry-After`, in milliseconds, when it sent one. */
  retryAfterMs?: number;
  /** The underlying error, with the access token scrubbed out. */
  cause?: unknown;
}

/**
 * The only error `listBoundDevices` rejects with. It never carries the access token: not in `message`,
 * `stack`, `cause`, own properties, `JSON.stringify` or `util.inspect` output.
 */
export class KooDriveError extends Error {
  override readonly name = 'KooDriveError';
  readonly kind: KooDriveErrorKind;
  readonly status?: number;
  readonly code?: number;
  readonly msg?: string;
  readonly field?: string;
  attempts?: number;
  readonly retryAfterMs?: number;

  constructor(kind: KooDriveErrorKind, message: string, details: KooDriveErrorDetails = {}) {
    super(message, 'cause' in details ? { cause: details.cause } : undefined);
    this.kind = kind;
    if (details.status !== undefined) this.status = details.status;
    if (details.code !== undefined) this.code = details.code;
    if (details.msg !== undefined) this.msg = details.msg;
    if (details.field !== undefined) this.field = details.field;
    if (details.attempts !== undefined) this.attempts = details.attempts;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
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
 * A copy of a foreign error (from fetch, `JSON.parse`, a token function) that is safe to keep as `cause`:
 * its name, message, `code` and stack as strings with the secret redacted, and its own `cause` copied the
 * same way (up to {@link MAX_CAUSE_DEPTH} levels). Nothing else is copied: a foreign error may carry objects
 * (a `Request`, a headers map, a socket) whose `util.inspect` output shows the token from internal slots
 * that no property walk can search, so such objects are never kept, whether they mention the token or not.
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
