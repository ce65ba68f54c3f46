import { type AnswerReading, dataFromJson, invalidResponse } from './answer.js';
import { BodyTooLargeError, parseJson, readBoundedText } from './body.js';
import { MATERIAL_OFFSET_CHANGE_MS, outsideWindow, type ServerClock } from './clock.js';
import { isInstanceOf, isKooDriveError, KooDriveError, redact, scrubCause } from './errors.js';
import { InvalidParameterError } from './generated/operations.js';
import { abortedError, parseRetryAfter } from './retry.js';
import { validators } from './validation.js';

/** What every attempt of one client shares: its options and its clock. */
export interface AttemptSettings {
  basePath: string;
  userId: string;
  /** The token, checked: a string, or the caller's function's answer (an `access-token` error otherwise). */
  token: () => string | Promise<string>;
  fetch: typeof fetch | undefined;
  clock: ServerClock;
  timeoutMs: number;
  maxResponseBytes: number;
  log: (message: string, details: Record<string, string | number | boolean>) => void;
}

/**
 * One operation of the generated table (`generated/operations.ts`): what it sends, given its parameters and the
 * token, and how its answer is read.
 */
export interface Operation extends AnswerReading {
  readonly method: string;
  request(
    parameters: Record<string, unknown>,
    accessToken: string,
  ): {
    readonly method: string;
    readonly path: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body?: string | undefined;
  };
}

/** One attempt that answered: the operation's data (`undefined` for an operation without `data`). */
export interface Success {
  ok: true;
  data: unknown;
}

/** One attempt that did not; `correctable`: a 401 that the clock correction can fix. */
export interface Failure {
  ok: false;
  error: KooDriveError;
  correctable: boolean;
}

/** The `http` error for a non-2xx answer, with the envelope's `code` and `msg` when the body is the envelope. */
function httpError(response: Response, text: string, token: string, serverDate: number | undefined): KooDriveError {
  const { status } = response;
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
    details.msg = redact(envelope.msg, token);
    message += ` (code ${envelope.code}: ${details.msg})`;
  }
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), serverDate ?? Date.now());
  if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
  return new KooDriveError('http', message, details);
}

/**
 * One attempt, top to bottom; its state is its local variables. Its one way to end early is `stop(reason)`, called
 * by its timer (the deadline) or by the caller's signal: it aborts the attempt's signal, which fetch follows, and
 * settles `stopped`, which every await races that may not follow the signal (the accessToken function, a fetch
 * of the caller's own, a body not tied to the signal). Every failure is classified once, at the end.
 */
export async function attempt(
  settings: AttemptSettings,
  operation: Operation,
  parameters: Record<string, unknown>,
  callerSignal: AbortSignal | undefined,
): Promise<Success | Failure> {
  const { clock, timeoutMs, maxResponseBytes } = settings;
  const controller = new AbortController();
  const { signal } = controller;
  let stop!: (reason: unknown) => void;
  const stopped = new Promise<never>((_, reject) => {
    stop = (reason) => {
      controller.abort(reason);
      reject(reason);
    };
  });
  stopped.catch(() => {}); // raced below while the attempt runs; nobody awaits it after
  const until = <T>(work: Promise<T>): Promise<T> => Promise.race([work, stopped]);
  const timer = setTimeout(() => stop(new DOMException('The attempt timed out', 'TimeoutError')), timeoutMs);
  const onCallerAbort = () => stop(callerSignal?.reason);
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  let token: string | undefined;
  let response: Response | undefined;
  let correctable = false;
  try {
    const pending = settings.token();
    const bearer = typeof pending === 'string' ? pending : await until(pending);
    token = bearer;
    const offsetUsed = clock.offsetMs;
    const signedAt = clock.signingTime(offsetUsed);
    // The generated operation says what is sent: method, path with its parameters, query, the spec's headers with
    // X-User-Id and this attempt's X-Date, `Authorization: Bearer <token>`, and the JSON body.
    const signed = { ...parameters, xUserId: settings.userId, xDate: clock.xDate(signedAt) };
    const request = operation.request(signed, bearer);
    const url = settings.basePath + request.path;
    const init: RequestInit = { method: request.method, headers: request.headers, signal };
    if (request.body !== undefined) init.body = request.body;
    // The global fetch follows the signal; a fetch of the caller's own may not, so it is raced.
    const ownFetch = settings.fetch;
    response = await (ownFetch === undefined ? fetch(url, init) : until(ownFetch(url, init)));
    const receivedAt = Date.now();
    const serverDate = clock.learn(response.headers.get('date'), receivedAt);
    const offsetMoved = Math.abs(clock.offsetMs - offsetUsed) >= MATERIAL_OFFSET_CHANGE_MS;
    if (offsetMoved) settings.log('koodrive: clock offset learned from the Date header', { offsetMs: clock.offsetMs });
    // Raced whatever the fetch: a global fetch replaced by a mock or polyfill may not tie the body to the signal.
    const text = await until(readBoundedText(response, maxResponseBytes));
    if (response.status < 200 || response.status > 299) {
      correctable =
        response.status === 401 && serverDate !== undefined && outsideWindow(signedAt, serverDate) && offsetMoved;
      throw httpError(response, text, bearer, serverDate);
    }
    if (operation.response === undefined && text === '') return { ok: true, data: undefined };
    let body: unknown;
    try {
      body = parseJson(text);
    } catch (error) {
      throw invalidResponse(response.status, 'body', 'is not valid JSON', error);
    }
    return { ok: true, data: dataFromJson(body, response.status, bearer, operation) };
  } catch (thrown) {
    const error = classify(thrown, signal, callerSignal, token, response?.status, timeoutMs);
    controller.abort(); // nothing more to read, whatever is still in flight
    return { ok: false, error, correctable };
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', onCallerAbort);
  }
}

/**
 * What a failed attempt means for the call, decided once: the client's own errors as they are (`http`, `api`,
 * `invalid-response`, `access-token`); a parameter no request can carry `invalid-request`; a body past the bound
 * `invalid-response`; otherwise `aborted` when the caller's signal fired, `timeout` when the deadline did, else
 * `network`. A foreign cause is kept as a scrubbed copy.
 */
function classify(
  thrown: unknown,
  signal: AbortSignal,
  callerSignal: AbortSignal | undefined,
  token: string | undefined,
  status: number | undefined,
  timeoutMs: number,
): KooDriveError {
  if (isKooDriveError(thrown)) return thrown;
  if (isInstanceOf(thrown, InvalidParameterError)) {
    return new KooDriveError('invalid-request', `Nothing was sent: ${thrown.message}`, { field: thrown.parameter });
  }
  if (isInstanceOf(thrown, BodyTooLargeError)) return invalidResponse(status ?? 0, 'body', thrown.message);
  if (callerSignal?.aborted) return abortedError(callerSignal);
  const cause = scrubCause(thrown, token);
  if (signal.aborted) {
    const waitingFor = token === undefined ? ' waiting for the accessToken function' : '';
    return new KooDriveError('timeout', `The attempt timed out after ${timeoutMs} ms${waitingFor}`, { cause });
  }
  return new KooDriveError('network', 'The request to KooDrive failed before an answer arrived', {
    ...(status === undefined ? {} : { status }),
    cause,
  });
}
