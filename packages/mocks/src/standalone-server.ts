import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import {
  ALLOWED_METHODS,
  createKooDriveResponder,
  type HeaderReader,
  isDevicesPath,
  type KooDriveHandlersOptions,
  type MockAnswer,
  mockErrors,
} from './handlers.js';
import {
  createScenarioController,
  isScenarioController,
  resolveScenario,
  type Scenario,
  type ScenarioController,
} from './scenarios.js';

/** The standalone server's default port (documented in the README). */
export const DEFAULT_MOCK_SERVER_PORT = 4010;
/** The standalone server's default host: loopback only. */
export const DEFAULT_MOCK_SERVER_HOST = '127.0.0.1';
/**
 * `GET` answers the current scenario, `PUT` (`Content-Type: application/json`, a JSON `Scenario` body) switches
 * it. Not part of the KooDrive API. Refused (403) from a web page of any origin not in `controlOrigins`.
 */
export const SCENARIO_CONTROL_PATH = '/__koodrive-mock/scenario';

export interface KooDriveMockServerOptions extends KooDriveHandlersOptions {
  /** Port to listen on; 0 picks a free one. Default 4010. */
  port?: number;
  /** Host to listen on. Default 127.0.0.1. */
  host?: string;
  /**
   * Origins (`http://localhost:5173`) of web pages allowed to read and switch the scenario over HTTP
   * (`SCENARIO_CONTROL_PATH`). Default none: a request that carries any `Origin` (every browser `PUT` does) or
   * comes from another site (`Sec-Fetch-Site: cross-site`) is refused with 403. Node, curl and the in-process
   * `scenario` controller send no `Origin` and are always allowed.
   */
  controlOrigins?: readonly string[];
}

export interface KooDriveMockServer {
  /** `http://<host>:<port>`, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** Switches the scenario at run time (the same controller `PUT /__koodrive-mock/scenario` uses). */
  readonly scenario: ScenarioController;
  /** Stops accepting connections, lets in-flight requests finish (at most 1 s) and resolves once closed. */
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 1000;
const MAX_CONTROL_BODY = 4096;

/** On every answer of the endpoint: any page may call it (the token is a header, never a cookie). */
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Date, Retry-After, WWW-Authenticate',
} as const;

/** The control endpoint's own error codes (the endpoint's are in `mockErrors`). */
const controlErrors = {
  foreignOrigin: {
    status: 403,
    code: 403002,
    msg: 'The scenario can only be switched by a client with no Origin or an origin in controlOrigins',
  },
  method: { status: 405, code: 405001, msg: `Use GET or PUT on ${SCENARIO_CONTROL_PATH}` },
  mediaType: { status: 415, code: 415001, msg: 'Send the scenario with Content-Type: application/json' },
} as const;

function envelope(status: number, code: number, msg: string, date: string, extra?: Record<string, string>): MockAnswer {
  return {
    status,
    headers: { 'Content-Type': 'application/json', Date: date, ...extra },
    body: JSON.stringify({ code, msg }),
  };
}

/**
 * Headers read straight from node's `rawHeaders`, repeats joined with ", " as the Fetch `Headers` API joins
 * them (node's own `req.headers` keeps only the first `Authorization`, which would accept a repeated one).
 */
class RawHeaderReader implements HeaderReader {
  constructor(private readonly raw: readonly string[]) {}

  get(name: string): string | null {
    const wanted = name.toLowerCase();
    let value: string | null = null;
    for (let i = 0; i + 1 < this.raw.length; i += 2) {
      const candidate = this.raw[i] as string;
      if (candidate.length === wanted.length && candidate.toLowerCase() === wanted) {
        const next = this.raw[i + 1] as string;
        value = value === null ? next : `${value}, ${next}`;
      }
    }
    return value;
  }
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_CONTROL_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= MAX_CONTROL_BODY ? Buffer.concat(chunks).toString('utf8') : undefined));
    req.on('error', reject);
  });
}

/**
 * Writes an answer. A 204 or 304 has no body and no `Content-Length` (RFC 9110 sections 8.6, 15.3.5); a HEAD
 * answer has the `Content-Length` its GET would have, and no body.
 */
function writeAnswer(
  res: ServerResponse,
  answer: MockAnswer,
  cors: Readonly<Record<string, string>> | null,
  head: boolean,
  closing: boolean,
): void {
  const headers: Record<string, string> = cors === null ? { ...answer.headers } : { ...cors, ...answer.headers };
  // While closing, end keep-alive connections after their in-flight answer instead of waiting for the grace timer.
  if (closing) headers.Connection = 'close';
  if (answer.status === 204 || answer.status === 304) {
    res.writeHead(answer.status, headers);
    res.end();
    return;
  }
  headers['Content-Length'] = String(Buffer.byteLength(answer.body));
  res.writeHead(answer.status, headers);
  if (head) res.end();
  else res.end(answer.body);
}

/** A whole HTTP/1.1 answer with an envelope, for sockets node:http hands over unparsed; the connection closes. */
function rawAnswer(
  status: string,
  envelopeBody: { code: number; msg: string },
  date: string,
  extra: Record<string, string> = {},
): string {
  const body = JSON.stringify(envelopeBody);
  const lines = Object.entries(extra).map(([name, value]) => `${name}: ${value}\r\n`);
  return (
    `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nDate: ${date}\r\n${lines.join('')}` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

function normaliseOrigin(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new TypeError(`controlOrigins: ${JSON.stringify(origin)} is not an origin such as http://localhost:5173`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin.replace(/\/$/, '')) {
    throw new TypeError(`controlOrigins: ${JSON.stringify(origin)} is not an origin such as http://localhost:5173`);
  }
  return url.origin;
}

/**
 * Serves the mock over real HTTP on `node:http`, with the very responder the msw handlers wrap
 * (`createKooDriveResponder`), called directly so no Fetch `Request`/`Response` is built per request.
 * Resolves once listening. Extra routes, none of them part of KooDrive's API: the CORS preflight (`OPTIONS`)
 * of the endpoint, and `GET`/`PUT` on `SCENARIO_CONTROL_PATH` to read or switch the scenario.
 */
export async function startKooDriveMockServer(options: KooDriveMockServerOptions = {}): Promise<KooDriveMockServer> {
  const {
    port: requestedPort = DEFAULT_MOCK_SERVER_PORT,
    host = DEFAULT_MOCK_SERVER_HOST,
    controlOrigins = [],
    ...handlerOptions
  } = options;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
    throw new RangeError(`port must be an integer from 0 to 65535, got ${requestedPort}`);
  }
  if (typeof host !== 'string' || host === '') throw new TypeError('host must be a non-empty string');
  const allowedOrigins = new Set(controlOrigins.map(normaliseOrigin));

  const scenario = isScenarioController(handlerOptions.scenario)
    ? handlerOptions.scenario
    : createScenarioController(handlerOptions.scenario ?? 'normal');
  const now = handlerOptions.now ?? (() => new Date());
  const respond = createKooDriveResponder({ ...handlerOptions, now, scenario });
  const dateNow = () => now().toUTCString();

  let closing: Promise<void> | undefined;

  /** The control endpoint's CORS headers: only for an allowed origin, never `*`. */
  function controlCors(origin: string | undefined): Record<string, string> | null {
    return origin !== undefined && allowedOrigins.has(origin)
      ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' }
      : null;
  }

  function foreign(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin !== undefined) return !allowedOrigins.has(origin);
    return req.headers['sec-fetch-site'] === 'cross-site' || req.headers['sec-fetch-site'] === 'same-site';
  }

  function preflight(pathname: string, req: IncomingMessage): MockAnswer {
    if (isDevicesPath(pathname)) {
      return {
        status: 204,
        headers: {
          ...CORS_HEADERS,
          'Access-Control-Allow-Methods': ALLOWED_METHODS,
          'Access-Control-Allow-Headers': 'Authorization, X-User-Id, X-Date',
          'Access-Control-Max-Age': '600',
          Date: dateNow(),
        },
        body: '',
      };
    }
    if (pathname === SCENARIO_CONTROL_PATH) {
      const cors = controlCors(req.headers.origin);
      if (cors === null) {
        const { status, code, msg } = controlErrors.foreignOrigin;
        return envelope(status, code, msg, dateNow());
      }
      return {
        status: 204,
        headers: {
          ...cors,
          'Access-Control-Allow-Methods': 'GET, PUT',
          'Access-Control-Allow-Headers': 'Content-Type',
          'Access-Control-Max-Age': '600',
          Date: dateNow(),
        },
        body: '',
      };
    }
    return notFound('OPTIONS', pathname);
  }

  function notFound(method: string, pathname: string): MockAnswer {
    return envelope(404, 404001, `No mock answers ${method} ${pathname}`, dateNow());
  }

  async function control(req: IncomingMessage): Promise<MockAnswer> {
    const error = (reason: keyof typeof controlErrors, extra?: Record<string, string>): MockAnswer => {
      const { status, code, msg } = controlErrors[reason];
      return envelope(status, code, msg, dateNow(), extra);
    };
    const current = (): MockAnswer => ({
      status: 200,
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', Date: dateNow() },
      body: JSON.stringify({ scenario: scenario.current }),
    });
    if (foreign(req)) {
      req.resume();
      return error('foreignOrigin');
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      req.resume();
      return current();
    }
    if (req.method !== 'PUT') {
      req.resume();
      return error('method', { Allow: 'GET, HEAD, PUT' });
    }
    // JSON only: no form or text/plain body, which a page could send without asking the server first.
    const mediaType = (req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
    if (mediaType !== 'application/json') {
      req.resume();
      return error('mediaType');
    }
    const body = await readBody(req);
    try {
      if (body === undefined) throw new RangeError('body too large');
      const parsed = JSON.parse(body) as unknown;
      const next = (
        typeof parsed === 'object' && parsed !== null && 'scenario' in parsed ? parsed.scenario : parsed
      ) as Scenario;
      resolveScenario(next);
      scenario.set(next);
    } catch (caught) {
      const reason = caught instanceof Error ? caught.message : 'invalid body';
      return envelope(
        400,
        400006,
        `Send a JSON scenario ("slow" or {"name":"slow","delayMs":500}): ${reason}`,
        dateNow(),
      );
    }
    return current();
  }

  function fail(res: ServerResponse, error: unknown): void {
    // Never the request's headers: they carry the access token.
    process.stderr.write(`koodrive-mock-server: ${error instanceof Error ? error.message : 'unknown error'}\n`);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    writeAnswer(res, envelope(500, 500002, 'The mock server failed to answer', dateNow()), CORS_HEADERS, false, true);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const method = req.method ?? 'GET';
    const target = req.url ?? '';
    const head = method === 'HEAD';
    const send = (answer: MockAnswer, cors: Readonly<Record<string, string>> | null = CORS_HEADERS) =>
      writeAnswer(res, answer, cors, head, closing !== undefined);
    if (!target.startsWith('/')) {
      req.resume();
      send(envelope(400, 400005, 'The request target must be a path', dateNow()));
      return;
    }
    const query = target.indexOf('?');
    const pathname = query === -1 ? target : target.slice(0, query);
    if (method === 'OPTIONS') {
      req.resume();
      const answer = preflight(pathname, req);
      send(answer, pathname === SCENARIO_CONTROL_PATH ? controlCors(req.headers.origin) : CORS_HEADERS);
      return;
    }
    if (pathname === SCENARIO_CONTROL_PATH) {
      control(req).then(
        (answer) => send(answer, controlCors(req.headers.origin)),
        (error: unknown) => fail(res, error),
      );
      return;
    }
    req.resume();
    const answer = respond({ method, pathname, headers: new RawHeaderReader(req.rawHeaders) });
    if (answer === undefined) send(notFound(method, pathname));
    else if (answer instanceof Promise) answer.then(send, (error: unknown) => fail(res, error));
    else send(answer);
  }

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      fail(res, error);
    }
  });
  // Never close an idle keep-alive connection from this side (node's default is after 5 s): a client reusing it
  // just as the server closes it gets a reset, which on a busy machine (slow timers on both sides) loses
  // requests. The client closes idle connections itself; close() ends them all.
  server.keepAliveTimeout = 0;
  // Requests node:http cannot parse (garbage, headers over its 16 KiB limit) still get an envelope.
  server.on('clientError', (error: Error & { code?: string }, socket: Socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
    const body = tooLarge
      ? { code: 431001, msg: 'The request headers are too large' }
      : { code: 400007, msg: 'The request could not be parsed as HTTP/1.1' };
    socket.end(rawAnswer(status, body, dateNow()));
  });
  // CONNECT (a tunnel request, which node:http hands to this event instead of the request handler): an envelope
  // and a closed connection, never a dropped socket.
  server.on('connect', (req: IncomingMessage, socket: Socket) => {
    const target = req.url ?? '';
    const pathname = target.split('?', 1)[0] ?? '';
    let reply: string;
    if (!target.startsWith('/')) {
      reply = rawAnswer('400 Bad Request', { code: 400005, msg: 'The request target must be a path' }, dateNow());
    } else if (isDevicesPath(pathname)) {
      const { code, msg } = mockErrors.methodNotAllowed;
      reply = rawAnswer('405 Method Not Allowed', { code, msg }, dateNow(), { Allow: ALLOWED_METHODS });
    } else {
      reply = rawAnswer('404 Not Found', { code: 404001, msg: `No mock answers CONNECT ${pathname}` }, dateNow());
    }
    socket.on('error', () => socket.destroy());
    socket.end(reply);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(requestedPort, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : requestedPort;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: origin,
    port,
    host,
    scenario,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        force.unref();
        server.close((error) => {
          clearTimeout(force);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
