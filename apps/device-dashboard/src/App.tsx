import type { ScenarioName } from '@koodrive-device/mocks';
import { useEffect, useId, useRef, useState } from 'react';
import { DeviceTable } from './components/DeviceTable.js';
import { ScenarioSwitcher } from './components/ScenarioSwitcher.js';
import { EmptyView, ErrorView, LoadingView } from './components/StateViews.js';
import type { DemoControls } from './demo-scenario.js';
import { deviceCount, type SortOrder } from './format.js';
import { type Connection, useDevices } from './use-devices.js';

export type AppMode = { kind: 'demo'; demo: DemoControls } | { kind: 'real'; userId: string; apiOrigin: string };

export interface AppProps {
  connection: Connection;
  mode: AppMode;
  /** The clock for relative times ("3 months ago"); default the real one. */
  now?: () => Date;
  /** Locale and time zone for dates; default the reader's. */
  locale?: string;
  timeZone?: string;
  /** Called once, when the first devices are on screen (the e2e run measures time to data with it). */
  onDevicesShown?: () => void;
}

const DEFAULT_ORDER: SortOrder = { key: 'boundAt', direction: 'descending' };

export function App({ connection, mode, now = () => new Date(), locale, timeZone, onDevicesShown }: AppProps) {
  const { state, reload } = useDevices(connection);
  const [order, setOrder] = useState<SortOrder>(DEFAULT_ORDER);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const shown = useRef(false);
  const headingId = useId();

  useEffect(() => {
    if (state.status === 'success' && state.devices.length > 0 && !shown.current) {
      shown.current = true;
      onDevicesShown?.();
    }
  }, [state, onDevicesShown]);

  // Retry and Reload remove the button that had focus: keep keyboard users in the devices section.
  const reloadFromButton = () => {
    headingRef.current?.focus();
    reload();
  };

  const switchScenario = (name: ScenarioName) => {
    if (mode.kind !== 'demo') return;
    mode.demo.scenario.set(name);
    const url = new URL(window.location.href);
    if (name === 'normal') url.searchParams.delete('scenario');
    else url.searchParams.set('scenario', name);
    window.history.replaceState(null, '', url);
    reload();
  };

  let summary = '';
  if (state.status === 'success') summary = deviceCount(state.devices.length);

  return (
    <div className="page">
      <header className="masthead">
        <div className="masthead-text">
          <p className="eyebrow">KooDrive</p>
          <h1>Bound devices</h1>
          {mode.kind === 'demo' ? (
            <p className="account">
              <span className="badge badge-demo">Demo</span> Mock data for user <code>{mode.demo.account.userId}</code>
            </p>
          ) : (
            <p className="account">
              <span className="badge badge-real">Live</span> User <code>{mode.userId}</code> at{' '}
              <code>{mode.apiOrigin}</code>
            </p>
          )}
        </div>
        {mode.kind === 'demo' && <ScenarioSwitcher demo={mode.demo} onChange={switchScenario} />}
      </header>

      <main>
        <section className="panel" aria-labelledby={headingId}>
          <div className="panel-head">
            <h2 id={headingId} ref={headingRef} tabIndex={-1}>
              Devices
            </h2>
            <p className="count" aria-live="polite">
              {summary}
            </p>
            <button type="button" className="reload" onClick={reloadFromButton} disabled={state.status === 'loading'}>
              Reload
            </button>
          </div>
          {state.status === 'loading' && <LoadingView order={order} retry={state.retry} />}
          {state.status === 'error' && <ErrorView error={state.error} mode={mode.kind} onRetry={reloadFromButton} />}
          {state.status === 'success' && state.devices.length === 0 && <EmptyView onReload={reloadFromButton} />}
          {state.status === 'success' && state.devices.length > 0 && (
            <DeviceTable
              devices={state.devices}
              order={order}
              onSort={setOrder}
              now={now()}
              locale={locale}
              timeZone={timeZone}
            />
          )}
        </section>
      </main>

      <footer className="footer">
        <a href="/docs">API reference</a>
        <span aria-hidden="true"> · </span>
        {mode.kind === 'demo' ? (
          <span>
            Demo mode: a service worker (msw) answers with <code>@koodrive-device/mocks</code>. Set{' '}
            <code>KOODRIVE_BASE_URL</code>, <code>KOODRIVE_ACCESS_TOKEN</code> and <code>KOODRIVE_USER_ID</code> for
            real data.
          </span>
        ) : (
          <span>Requests go through this server's proxy, which adds your access token; the page never sees it.</span>
        )}
      </footer>
    </div>
  );
}
