import { createKooDriveWorker } from '@koodrive-device/mocks/browser';
import { createDemoControls, type DemoControls, scenarioFromSearch } from './demo-scenario.js';

/**
 * Starts demo mode in the browser: msw's service worker (`public/mockServiceWorker.js`) answers
 * `/koodrive/ose/v1/backup/device` with `@koodrive-device/mocks`' handlers, and the scenario comes from
 * `?scenario=` (default `normal`). Loaded with a dynamic `import()`, so real mode never downloads msw.
 */
export async function startDemoMode(): Promise<DemoControls> {
  const controls = createDemoControls(scenarioFromSearch(window.location.search));
  const worker = createKooDriveWorker({ scenario: controls.scenario });
  await worker.start({
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
  return controls;
}
