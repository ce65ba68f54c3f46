import { parseArgs } from 'node:util';
import { DEFAULT_MAX_BODY_BYTES } from './handlers.js';
import { isScenarioName, type Scenario, scenarioNames } from './scenarios.js';
import {
  DEFAULT_MOCK_SERVER_HOST,
  DEFAULT_MOCK_SERVER_PORT,
  type KooDriveMockServer,
  startKooDriveMockServer,
} from './standalone-server.js';

export const USAGE = `Usage: koodrive-mock-server [--port <n>] [--host <host>] [--scenario <name>] [--delay-ms <ms>]
                            [--control-origin <origin>]... [--max-body-bytes <n>]

  --port <n>                 port to listen on, 0 for a free one (default ${DEFAULT_MOCK_SERVER_PORT})
  --host <host>              host to listen on (default ${DEFAULT_MOCK_SERVER_HOST})
  --scenario <name>          starting scenario: ${scenarioNames.join(', ')} (default normal)
  --delay-ms <ms>            delay of the slow scenario (default 2000)
  --control-origin <origin>  a web page origin (http://localhost:5173) allowed to switch the scenario over
                             HTTP; repeatable. Without it only clients that send no Origin (curl, Node) can.
  --max-body-bytes <n>       the largest request body read; a longer one is answered 413 (default ${DEFAULT_MAX_BODY_BYTES})
  --help                     print this help
`;

/** A command-line mistake: printed with the usage, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ServerArgs {
  port: number;
  host: string;
  scenario: Scenario;
  controlOrigins: string[];
  maxBodyBytes?: number;
  help: boolean;
}

function integer(flag: string, value: string, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) > max) {
    throw new UsageError(`${flag} must be an integer from 0 to ${max}, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

/** Parses the bin's flags; throws a UsageError naming the bad flag. */
export function parseServerArgs(argv: readonly string[]): ServerArgs {
  let values: {
    port?: string;
    host?: string;
    scenario?: string;
    'delay-ms'?: string;
    'control-origin'?: string[];
    'max-body-bytes'?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        scenario: { type: 'string' },
        'delay-ms': { type: 'string' },
        'control-origin': { type: 'string', multiple: true },
        'max-body-bytes': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const port = values.port === undefined ? DEFAULT_MOCK_SERVER_PORT : integer('--port', values.port, 65535);
  const host = values.host ?? DEFAULT_MOCK_SERVER_HOST;
  if (host.trim() === '') throw new UsageError('--host must not be empty');
  const name = values.scenario ?? 'normal';
  if (!isScenarioName(name)) {
    throw new UsageError(`--scenario must be one of ${scenarioNames.join(', ')}, got ${JSON.stringify(name)}`);
  }
  const delayMs =
    values['delay-ms'] === undefined ? undefined : integer('--delay-ms', values['delay-ms'], 2_147_483_647);
  const scenario: Scenario = delayMs === undefined ? name : { name, delayMs };
  const controlOrigins = values['control-origin'] ?? [];
  for (const origin of controlOrigins) {
    if (!/^https?:\/\/[^/?#\s]+$/.test(origin)) {
      throw new UsageError(
        `--control-origin must be an origin such as http://localhost:5173, got ${JSON.stringify(origin)}`,
      );
    }
  }
  const maxBodyBytes = values['max-body-bytes'];
  return {
    port,
    host,
    scenario,
    controlOrigins,
    ...(maxBodyBytes === undefined
      ? {}
      : { maxBodyBytes: integer('--max-body-bytes', maxBodyBytes, Number.MAX_SAFE_INTEGER) }),
    help: values.help ?? false,
  };
}

export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

const processIo: CliIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

/**
 * Runs the bin: starts the server, prints one line with its URL, stops on SIGINT/SIGTERM.
 * Resolves to the exit status for a usage error or help (2 / 0), or to the running server.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number | KooDriveMockServer> {
  let args: ServerArgs;
  try {
    args = parseServerArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`koodrive-mock-server: ${error.message}`);
    io.stderr(USAGE);
    return 2;
  }
  if (args.help) {
    io.stdout(USAGE);
    return 0;
  }
  const server = await startKooDriveMockServer({
    port: args.port,
    host: args.host,
    scenario: args.scenario,
    controlOrigins: args.controlOrigins,
    ...(args.maxBodyBytes === undefined ? {} : { maxBodyBytes: args.maxBodyBytes }),
  });
  const scenarioName = typeof args.scenario === 'string' ? args.scenario : args.scenario.name;
  io.stdout(`KooDrive mock server listening on ${server.url} (scenario ${scenarioName})`);
  return server;
}
