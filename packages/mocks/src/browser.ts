import { type SetupWorker, setupWorker } from 'msw/browser';
import { createKooDriveHandlers, type KooDriveHandlersOptions } from './handlers.js';

/**
 * A msw `setupWorker` with the KooDrive handlers. Start it with `worker.start()`; the app must serve
 * msw's `mockServiceWorker.js` (`npx msw init public`). Browser only, like `msw/browser` itself.
 */
export function createKooDriveWorker(options: KooDriveHandlersOptions = {}): SetupWorker {
  return setupWorker(...createKooDriveHandlers(options));
}
