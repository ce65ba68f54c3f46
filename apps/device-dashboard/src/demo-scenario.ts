import {
  demoAccount,
  isScenarioName,
  type MockAccount,
  resolveScenario,
  type Scenario,
  type ScenarioController,
  type ScenarioName,
  scenarioDescriptions,
  scenarioNames,
} from '@koodrive-device/mocks';

/**
 * The demo's scenario: a `ScenarioController` the mock handlers read on every request, which the switcher can
 * also observe (so a change made from the browser console shows in the switcher too).
 */
export interface DemoScenario extends ScenarioController {
  readonly name: ScenarioName;
  subscribe(listener: () => void): () => void;
}

/** Everything demo mode hands to the page. */
export interface DemoControls {
  readonly scenario: DemoScenario;
  readonly scenarioNames: readonly ScenarioName[];
  readonly scenarioDescriptions: Readonly<Record<ScenarioName, string>>;
  readonly account: MockAccount;
}

/**
 * Knobs the demo gives some scenarios so every state shows up quickly: `slow` waits 1.5 s (long enough to see the
 * skeleton), `unavailable` and `rate-limited` ask to retry after 1 s (the client retries twice, then the error shows).
 */
export function demoScenario(name: ScenarioName): Scenario {
  if (name === 'slow') return { name, delayMs: 1500 };
  if (name === 'unavailable' || name === 'rate-limited') return { name, retryAfterSeconds: 1 };
  return name;
}

/**
 * The scenario the mocks get for what was asked: a bare name gets the demo's quick knobs ({@link demoScenario});
 * an object keeps every option it gives (`delayMs`, `retryAfterSeconds`), the demo's knobs filling only the ones
 * it leaves out. Throws the mocks' TypeError/RangeError for an unknown name or a bad knob.
 */
export function withDemoKnobs(scenario: Scenario): Scenario {
  const { name } = resolveScenario(scenario);
  if (typeof scenario === 'string') return demoScenario(name);
  const defaults = demoScenario(name);
  const merged: Exclude<Scenario, string> = typeof defaults === 'string' ? { name } : { ...defaults };
  if (scenario.delayMs !== undefined) merged.delayMs = scenario.delayMs;
  if (scenario.retryAfterSeconds !== undefined) merged.retryAfterSeconds = scenario.retryAfterSeconds;
  return Object.keys(merged).length === 1 ? name : merged;
}

export function createDemoScenario(initial: Scenario = 'normal'): DemoScenario {
  const listeners = new Set<() => void>();
  const start = withDemoKnobs(initial);
  let current: Scenario = start;
  const nameOf = (scenario: Scenario): ScenarioName => (typeof scenario === 'string' ? scenario : scenario.name);
  const change = (next: Scenario) => {
    const renamed = nameOf(next) !== nameOf(current);
    current = next;
    if (renamed) for (const listener of listeners) listener();
  };
  return {
    get name() {
      return nameOf(current);
    },
    get current() {
      return current;
    },
    set(scenario) {
      const next = typeof scenario === 'string' ? scenario : scenario?.name;
      if (!isScenarioName(next)) {
        throw new TypeError(`Unknown scenario ${JSON.stringify(next)}; expected one of ${scenarioNames.join(', ')}`);
      }
      change(withDemoKnobs(scenario));
    },
    reset() {
      change(start);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The scenario named in `?scenario=` when it is one of the mocks' scenarios, else `normal`. */
export function scenarioFromSearch(search: string): ScenarioName {
  const value = new URLSearchParams(search).get('scenario');
  return isScenarioName(value) ? value : 'normal';
}

export function createDemoControls(initial: ScenarioName = 'normal'): DemoControls {
  return { scenario: createDemoScenario(initial), scenarioNames, scenarioDescriptions, account: demoAccount };
}
