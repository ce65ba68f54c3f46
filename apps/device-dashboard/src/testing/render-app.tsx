import { createKooDriveServer } from '@koodrive-device/mocks/node';
import { render } from '@testing-library/react';
import { App, type AppMode } from '../App.js';
import { createDemoControls, type DemoControls } from '../demo-scenario.js';
import type { Connection } from '../use-devices.js';

/** "Now" for relative times in tests: 3 months after Magic v3 was bound, 3 days after Magic-v5. */
export const TEST_NOW = new Date('2025-12-20T06:00:00.000Z');

/** The page's origin under jsdom; msw's handlers answer any origin. */
export const TEST_ORIGIN = 'http://localhost:3000';

/**
 * The client's `timeoutMs` in tests: the largest a timer holds, so no verdict depends on how fast a busy machine
 * answers (the page's own default is 10 s).
 */
export const NO_TIME_LIMIT_MS = 2_147_483_647;

/** The demo page as it runs in the browser, with msw/node serving the mocks' handlers instead of the worker. */
export function createDemoHarness() {
  const demo: DemoControls = createDemoControls();
  const server = createKooDriveServer({ scenario: demo.scenario });
  const connection: Connection = {
    baseUrl: TEST_ORIGIN,
    accessToken: demo.account.accessToken,
    userId: demo.account.userId,
    timeoutMs: NO_TIME_LIMIT_MS,
  };
  const mode: AppMode = { kind: 'demo', demo };
  const renderApp = (overrides: { connection?: Connection; mode?: AppMode } = {}) =>
    render(
      <App
        connection={overrides.connection ?? connection}
        mode={overrides.mode ?? mode}
        now={() => TEST_NOW}
        locale="en-US"
        timeZone="UTC"
      />,
    );
  return { demo, server, connection, renderApp };
}
