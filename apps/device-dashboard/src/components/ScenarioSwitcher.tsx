import type { ScenarioName } from '@koodrive-device/mocks';
import { useId, useSyncExternalStore } from 'react';
import type { DemoControls } from '../demo-scenario.js';

/** What each mock scenario shows, in the demo's words (a new scenario in the mocks fails the type check here). */
export const scenarioCaptions: Readonly<Record<ScenarioName, string>> = {
  normal: 'The demo account and its two reference devices.',
  empty: 'An account without bound devices.',
  'envelope-error': 'HTTP 200, but the body reports an error (code ≠ 0).',
  unauthorized: 'HTTP 401: the access token has expired or was revoked.',
  'server-error': 'HTTP 500: an internal error on the server.',
  unavailable: 'HTTP 503 with Retry-After: the client retries twice, then gives up.',
  'rate-limited': 'HTTP 429 with Retry-After: rate limited; the client retries twice, then gives up.',
  slow: 'The normal answer after 1.5 s, to show the loading state.',
  malformed: 'HTTP 200 with a truncated JSON body.',
};

/** Picks the mock scenario; every state of the page can be reached from here. */
export function ScenarioSwitcher({ demo, onChange }: { demo: DemoControls; onChange: (name: ScenarioName) => void }) {
  const id = useId();
  const { scenario } = demo;
  const current = useSyncExternalStore(
    scenario.subscribe,
    () => scenario.name,
    () => scenario.name,
  );
  return (
    <div className="switcher">
      <label htmlFor={`${id}-select`}>Mock scenario</label>
      <select
        id={`${id}-select`}
        value={current}
        aria-describedby={`${id}-caption`}
        onChange={(event) => {
          const name = demo.scenarioNames.find((candidate) => candidate === event.target.value);
          if (name !== undefined) onChange(name);
        }}
      >
        {demo.scenarioNames.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <p id={`${id}-caption`} className="switcher-caption">
        {scenarioCaptions[current]}
      </p>
    </div>
  );
}
