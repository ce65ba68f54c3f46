import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { errorAnswer, type MockAnswer } from './envelope.js';
import { createSpecResponder, type KooDriveHandlersOptions } from './handlers.js';
import { createScenarioController, isScenarioController, type ScenarioController } from './scenarios.js';
import { answerConnect, answerUnparsable } from './server/bad-requests.js';
import { CORS_HEADERS, controlCors, controlPreflight, endpointPreflight } from './server/cors.js';
import { hasBody, IncomingBody } from './server/incoming-body.js';
import {
  checkListenOptions,
  DEFAULT_MOCK_SERVER_HOST,
  DEFAULT_MOCK_SERVER_PORT,
  normaliseOrigin,
} from './server/options.js';
import { RawHeaderReader } from './server/raw-headers.js';
import { answerControl, SCENARIO_CONTROL_PATH } from './server/scenario-control.js';
import { writeAnswer } from './server/write-answer.js';
import type { KooDriveOperations, OperationTable } from './spec.js';

// The standalone server, one job per file under `server/`: options (`options.ts`), CORS and preflights
// (`cors.ts`), the scenario control endpoint and its origin policy (`scenario-control.ts`), raw headers
// (`raw-headers.ts`), writing HEAD/204/304 answers (`write-answer.ts`), unparsable requests and CONNECT
// (`bad-requests.ts`). This file routes a request to them and listens and closes.

export { DEFAULT_MOCK_SERVER_HOST, DEFAULT_MOCK_SERVER_PORT, SCENARIO_CONTROL_PATH };

export interface KooDriveMockServerOptions<Ops extends OperationTable = KooDriveOperations>
  extends KooDriveHandlersOptions<Ops> {
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

/**
 * Serves the mock over real HTTP on `node:http`, with the very responder the msw handlers wrap
 * (`createKooDriveResponder`), called directly so no Fetch `Request`/`Response` is built per request.
 * Resolves once listening. Extra routes, none of them part of KooDrive's API: the CORS preflight (`OPTIONS`)
 * of the endpoint, and `GET`/`PUT` on `SCENARIO_CONTROL_PATH` to read or switch the scenario.
 */
export async function startKooDriveMockServer<Ops extends OperationTable = KooDriveOperations>(
  options: KooDriveMockServerOptions<Ops> = {},
): Promise<KooDriveMockServer> {
  const {
    port: requestedPort = DEFAULT_MOCK_SERVER_PORT,
    host = DEFAULT_MOCK_SERVER_HOST,
    controlOrigins = [],
    ...handlerOptions
  } = options;
  checkListenOptions(requestedPort, host);
  const allowedOrigins = new Set(controlOrigins.map(normaliseOrigin));

  const scenario = isScenarioController(handlerOptions.scenario)
    ? handlerOptions.scenario
    : createScenarioController(handlerOptions.scenario ?? 'normal');
  const now = handlerOptions.now ?? (() => new Date());
  const { respond, spec } = createSpecResponder<Ops>({ ...handlerOptions, now, scenario });
  const dateNow = () => now().toUTCString();

  let closing: Promise<void> | undefined;

  function notFound(method: string, pathname: string): MockAnswer {
    return errorAnswer('notFound', dateNow(), { detail: `${method} ${pathname}` });
  }

  function fail(res: ServerResponse, error: unknown): void {
    // Never the request's headers: they carry the access token.
    process.stderr.write(`koodrive-mock-server: ${error instanceof Error ? error.message : 'unknown error'}\n`);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    writeAnswer(res, errorAnswer('mockFailed', dateNow()), CORS_HEADERS, false, true);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const method = req.method ?? 'GET';
    const target = req.url ?? '';
    const send = (
      answer: MockAnswer,
      cors: Readonly<Record<string, string>> | null = CORS_HEADERS,
      closeAfter = false,
    ) => writeAnswer(res, answer, cors, method === 'HEAD', closing !== undefined || closeAfter);
    if (!target.startsWith('/')) {
      req.resume();
      send(errorAnswer('targetNotPath', dateNow()));
      return;
    }
    const query = target.indexOf('?');
    const pathname = query === -1 ? target : target.slice(0, query);
    if (pathname === SCENARIO_CONTROL_PATH) {
      const cors = controlCors(req.headers.origin, allowedOrigins);
      if (method === 'OPTIONS') {
        req.resume();
        send(cors === null ? errorAnswer('foreignOrigin', dateNow()) : controlPreflight(cors, dateNow()), cors);
        return;
      }
      answerControl(req, scenario, allowedOrigins, dateNow).then(
        (answer) => send(answer, cors),
        (error: unknown) => fail(res, error),
      );
      return;
    }
    if (method === 'OPTIONS') {
      req.resume();
      const match = spec.match(pathname);
      send(match !== undefined ? endpointPreflight(match.route, dateNow()) : notFound(method, pathname));
      return;
    }
    const body = new IncomingBody(req);
    // A body the responder did not read (an answer before it, such as a 401) is discarded as it arrives, and the
    // connection closes after the answer, so an endless one cannot keep it busy; a body past the bound (413)
    // is not read any further, and the connection closes too.
    const reply = (answer: MockAnswer) => {
      const unread = !body.started && hasBody(req);
      if (!body.started) req.resume();
      send(answer, CORS_HEADERS, body.overflowed || answer.status === 413 || unread);
    };
    const search = query === -1 ? '' : target.slice(query);
    const answer = respond({ method, pathname, search, headers: new RawHeaderReader(req.rawHeaders), body });
    if (answer === undefined) reply(notFound(method, pathname));
    else if (answer instanceof Promise) answer.then(reply, (error: unknown) => fail(res, error));
    else reply(answer);
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
  server.on('clientError', (error: Error & { code?: string }, socket: Socket) =>
    answerUnparsable(error, socket, dateNow()),
  );
  server.on('connect', (req: IncomingMessage, socket: Socket) => answerConnect(req, socket, dateNow(), spec));

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
