import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { getResponse } from 'msw';
import { createKooDriveHandlers, type KooDriveHandlersOptions } from './handlers.js';
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
/** `GET` answers the current scenario, `PUT` (JSON `Scenario` body) switches it. Not part of the KooDrive API. */
export const SCENARIO_CONTROL_PATH = '/__koodrive-mock/scenario';

export interface KooDriveMockServerOptions extends KooDriveHandlersOptions {
  /** Port to listen on; 0 picks a free one. Default 4010. */
  port?: number;
  /** Host to listen on. Default 127.0.0.1. */
  host?: string;
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

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Date, Retry-After',
} as const;

function envelope(status: number, code: number, msg: string, date: string): Response {
  return new Response(JSON.stringify({ code, msg }), {
    status,
    headers: { 'Content-Type': 'application/json', Date: date },
  });
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

async function writeResponse(res: ServerResponse, response: Response, head: boolean, closing: boolean): Promise<void> {
  const headers: Record<string, string> = { ...CORS_HEADERS };
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  // While closing, end keep-alive connections after their in-flight answer instead of waiting for the grace timer.
  if (closing) headers.connection = 'close';
  const body = head ? undefined : Buffer.from(await response.arrayBuffer());
  if (body !== undefined) headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}

/**
 * Serves the very same msw handlers over real HTTP (`node:http` + msw's `getResponse`, no express).
 * Resolves once listening. Extra routes, none of them part of KooDrive's API: CORS preflight (`OPTIONS`),
 * and `GET`/`PUT` on `SCENARIO_CONTROL_PATH` to read or switch the scenario.
 */
export async function startKooDriveMockServer(options: KooDriveMockServerOptions = {}): Promise<KooDriveMockServer> {
  const {
    port: requestedPort = DEFAULT_MOCK_SERVER_PORT,
    host = DEFAULT_MOCK_SERVER_HOST,
    ...handlerOptions
  } = options;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
    throw new RangeError(`port must be an integer from 0 to 65535, got ${requestedPort}`);
  }
  if (typeof host !== 'string' || host === '') throw new TypeError('host must be a non-empty string');

  const scenario = isScenarioController(handlerOptions.scenario)
    ? handlerOptions.scenario
    : createScenarioController(handlerOptions.scenario ?? 'normal');
  const now = handlerOptions.now ?? (() => new Date());
  const handlers = createKooDriveHandlers({ ...handlerOptions, now, scenario });
  const dateNow = () => now().toUTCString();

  let origin = '';
  let closing: Promise<void> | undefined;

  async function respond(req: IncomingMessage): Promise<Response> {
    const method = req.method ?? 'GET';
    const target = req.url ?? '';
    if (!target.startsWith('/')) {
      req.resume();
      return envelope(400, 400005, 'The request target must be a path', dateNow());
    }
    if (method === 'OPTIONS') {
      req.resume();
      return new Response(null, {
        status: 204,
        headers: {
          'Access-Control-Allow-Methods': 'GET, PUT, OPTIONS',
          'Access-Control-Allow-Headers': 'Authorization, X-User-Id, X-Date, Content-Type',
          'Access-Control-Max-Age': '600',
          Date: dateNow(),
        },
      });
    }
    const pathname = target.split('?', 1)[0];
    if (pathname === SCENARIO_CONTROL_PATH) return control(req, method);
    req.resume();

    const headers = new Headers();
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      try {
        headers.append(req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '');
      } catch {
        return envelope(400, 400004, 'A request header could not be read', dateNow());
      }
    }
    let url: URL;
    try {
      url = new URL(origin + target);
    } catch {
      return envelope(400, 400005, 'The request target must be a path', dateNow());
    }
    const request = new Request(url, { method: method === 'HEAD' ? 'GET' : method, headers });
    const response = await getResponse(handlers, request);
    return response ?? envelope(404, 404001, `No mock answers ${method} ${url.pathname}`, dateNow());
  }

  async function control(req: IncomingMessage, method: string): Promise<Response> {
    const current = (): Response =>
      new Response(JSON.stringify({ scenario: scenario.current }), {
        status: 200,
        headers: { 'Content-Type': 'application/json', Date: dateNow() },
      });
    if (method === 'GET') {
      req.resume();
      return current();
    }
    if (method !== 'PUT') {
      req.resume();
      return envelope(405, 405001, `Use GET or PUT on ${SCENARIO_CONTROL_PATH}`, dateNow());
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
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'invalid body';
      return envelope(
        400,
        400006,
        `Send a JSON scenario ("slow" or {"name":"slow","delayMs":500}): ${reason}`,
        dateNow(),
      );
    }
    return current();
  }

  const server = createServer((req, res) => {
    respond(req)
      .catch((error: unknown) => {
        // Never the request's headers: they carry the access token.
        process.stderr.write(`koodrive-mock-server: ${error instanceof Error ? error.message : 'unknown error'}\n`);
        return envelope(500, 500002, 'The mock server failed to answer', dateNow());
      })
      .then((response) => writeResponse(res, response, req.method === 'HEAD', closing !== undefined))
      .catch(() => res.destroy());
  });
  // Requests node:http cannot parse (garbage, headers over its 16 KiB limit) still get an envelope.
  server.on('clientError', (error: Error & { code?: string }, socket: Socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
    const body = JSON.stringify(
      tooLarge
        ? { code: 431001, msg: 'The request headers are too large' }
        : { code: 400007, msg: 'The request could not be parsed as HTTP/1.1' },
    );
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nDate: ${dateNow()}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
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
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

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
