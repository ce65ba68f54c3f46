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

  constructor(kind: KooDriveErrorKind, message: string, details: KooDriveErrorDetails = {}) {
    super(message, 'cause' in details ? { cause: details.cause } : undefined);
    this.kind = kind;
    if (details.status !== undefined) this.status = details.status;
    if (details.code !== undefined) this.code = details.code;
    if (details.msg !== undefined) this.msg = details.msg;
    if (details.field !== undefined) this.field = details.field;
    if (details.attempts !== undefined) this.attempts = details.attempts;
  }
}

const REDACTED = '[redacted]';

/** Replaces every occurrence of the secret in a string the server or a fetch implementation gave us. */
export function redact(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join(REDACTED) : text;
}

function mentions(value: unknown, secret: string, depth: number): boolean {
  if (typeof value === 'string') return value.includes(secret);
  if (typeof value !== 'object' || value === null || depth > 3) return false;
  for (const key of Object.getOwnPropertyNames(value)) {
    let inner: unknown;
    try {
      inner = (value as Record<string, unknown>)[key];
    } catch {
      continue;
    }
    if (mentions(inner, secret, depth + 1)) return true;
  }
  // `stack` and `message` are own properties of errors; `cause` too (non-enumerable): all covered above.
  return false;
}

/**
 * Returns the cause as it is when nothing in it (message, stack, own properties, cause chain) mentions
 * the secret; otherwise a plain Error that keeps only the cause's name, with the secret redacted.
 */
export function scrubCause(cause: unknown, secret: string | undefined): unknown {
  if (!secret || !mentions(cause, secret, 0)) return cause;
  const name = cause instanceof Error ? cause.name : typeof cause;
  const scrubbed = new Error(`${name} (details withheld: they contained the access token)`);
  scrubbed.stack = scrubbed.message;
  return scrubbed;
}
