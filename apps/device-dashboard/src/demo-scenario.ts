import {
  createScenarioController,
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
 * also observe (so a change made from the browser console shows in the switcher too). Its `subscribe` tells a
 * listener only when the scenario's name changes.
 */
export interface DemoScenario extends ScenarioController {
  readonly name: ScenarioName;
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
  // The mocks' controller holds the scenario and its listeners; the demo adds its knobs and tells the switcher
  // only when the name changes.
  const controller = createScenarioController(withDemoKnobs(initial));
  const nameOf = (scenario: Scenario): ScenarioName => (typeof scenario === 'string' ? scenario : scenario.name);
  return {
    get name() {
      return nameOf(controller.current);
    },
    get current() {
      return controller.current;
    },
    set(scenario) {
      const next = typeof scenario === 'string' ? scenario : scenario?.name;
      if (!isScenarioName(next)) {
        throw new TypeError(`Unknown scenario ${JSON.stringify(next)}; expected one of ${scenarioNames.join(', ')}`);
      }
      controller.set(withDemoKnobs(scenario));
    },
    reset() {
      controller.reset();
    },
    subscribe(listener) {
      let shown = nameOf(controller.current);
      return controller.subscribe((scenario) => {
        if (nameOf(scenario) === shown) return;
        shown = nameOf(scenario);
        listener(scenario);
      });
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
