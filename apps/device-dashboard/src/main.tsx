import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, type AppMode } from './App.js';
import type { DemoScenario } from './demo-scenario.js';
import { loadRuntimeConfig, PROXY_TOKEN_PLACEHOLDER } from './runtime-config.js';
import type { Connection } from './use-devices.js';
import './styles.css';

declare global {
  interface Window {
    /** Demo mode only: `koodriveDemo.scenario.set('empty')` from the console, then press Reload. */
    koodriveDemo?: { scenario: DemoScenario };
  }
}

/** Time to data, for the e2e run: a performance mark when the first devices are on screen. */
const markDevicesShown = () => performance.mark('devices-shown');

async function main() {
  const config = await loadRuntimeConfig();
  let mode: AppMode;
  let connection: Connection;
  if (config.mode === 'real') {
    mode = { kind: 'real', userId: config.userId, apiOrigin: config.apiOrigin };
    // The placeholder token is replaced by the server's proxy: the real one never reaches the browser.
    connection = { baseUrl: window.location.origin, accessToken: PROXY_TOKEN_PLACEHOLDER, userId: config.userId };
  } else {
    const { startDemoMode } = await import('./demo-worker.js');
    const demo = await startDemoMode();
    window.koodriveDemo = { scenario: demo.scenario };
    mode = { kind: 'demo', demo };
    connection = {
      baseUrl: window.location.origin,
      accessToken: demo.account.accessToken,
      userId: demo.account.userId,
    };
  }

  const root = document.getElementById('root');
  if (root === null) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <App connection={connection} mode={mode} onDevicesShown={markDevicesShown} />
    </StrictMode>,
  );
}

main().catch((error: unknown) => {
  const root = document.getElementById('root');
  if (root !== null) {
    root.textContent = `The dashboard could not start: ${error instanceof Error ? error.message : String(error)}`;
  }
  throw error;
});
