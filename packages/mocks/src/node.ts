import { type SetupServer, setupServer } from 'msw/node';
import { createKooDriveHandlers, type KooDriveHandlersOptions } from './handlers.js';

export {
  DEFAULT_MOCK_SERVER_HOST,
  DEFAULT_MOCK_SERVER_PORT,
  type KooDriveMockServer,
  type KooDriveMockServerOptions,
  SCENARIO_CONTROL_PATH,
  startKooDriveMockServer,
} from './standalone-server.js';

/** A msw `setupServer` with the KooDrive handlers: `listen()` it in a test setup, `close()` it after. */
export function createKooDriveServer(options: KooDriveHandlersOptions = {}): SetupServer {
  return setupServer(...createKooDriveHandlers(options));
}
