/**
 * The one place that defines the mock's scenarios. The app's scenario switcher, the tests and the
 * standalone server's `--scenario` flag all use these names.
 */
export const scenarioNames = [
  'normal',
  'empty',
  'envelope-error',
  'unauthorized',
  'server-error',
  'unavailable',
  'rate-limited',
  'slow',
  'malformed',
] as const;

export type ScenarioName = (typeof scenarioNames)[number];

/**
 * A scenario by name, or with its knobs: `slow` takes `delayMs`, `unavailable` and `rate-limited` take
 * `retryAfterSeconds`.
 */
export type Scenario = ScenarioName | { name: ScenarioName; delayMs?: number; retryAfterSeconds?: number };

/** What each scenario answers, for switchers and documentation. */
export const scenarioDescriptions: Readonly<Record<ScenarioName, string>> = {
  normal: "200 with the account's devices (after every request check)",
  empty: '200 with an empty device list (after every request check)',
  'envelope-error': '200 with a non-zero `code` and no `data` (after every request check)',
  unauthorized: '401 for every request, as if the token had been revoked',
  'server-error': '500 for every request',
  unavailable: '503 with `Retry-After` for every request',
  'rate-limited': '429 with `Retry-After` for every request, as a gateway that rate-limits the caller',
  slow: 'like `normal`, after a delay (`delayMs`, default 2000 ms)',
  malformed: '200 whose body is a truncated prefix of the normal JSON body (after every request check)',
};

/** Default delay of the `slow` scenario. */
export const DEFAULT_SLOW_DELAY_MS = 2000;
/** Largest `delayMs` (a timer cannot wait longer). */
export const MAX_DELAY_MS = 2_147_483_647;
/** Default `Retry-After` of the `unavailable` and `rate-limited` scenarios. */
export const DEFAULT_RETRY_AFTER_SECONDS = 2;

export interface ResolvedScenario {
  readonly name: ScenarioName;
  readonly delayMs: number;
  readonly retryAfterSeconds: number;
}

export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && (scenarioNames as readonly string[]).includes(value);
}

/** Checks a scenario and fills in its defaults; throws a TypeError/RangeError naming the problem. */
export function resolveScenario(scenario: Scenario): ResolvedScenario {
  const name = typeof scenario === 'string' ? scenario : scenario?.name;
  if (!isScenarioName(name)) {
    throw new TypeError(`Unknown mock scenario ${JSON.stringify(name)}; expected one of ${scenarioNames.join(', ')}`);
  }
  const delayMs = typeof scenario === 'object' ? (scenario.delayMs ?? DEFAULT_SLOW_DELAY_MS) : DEFAULT_SLOW_DELAY_MS;
  const retryAfterSeconds =
    typeof scenario === 'object'
      ? (scenario.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS)
      : DEFAULT_RETRY_AFTER_SECONDS;
  if (!Number.isFinite(delayMs) || delayMs < 0 || delayMs > MAX_DELAY_MS) {
    throw new RangeError(`Scenario delayMs must be a number from 0 to ${MAX_DELAY_MS}, got ${delayMs}`);
  }
  if (!Number.isInteger(retryAfterSeconds) || retryAfterSeconds < 0) {
    throw new RangeError(`Scenario retryAfterSeconds must be an integer >= 0, got ${retryAfterSeconds}`);
  }
  return { name, delayMs, retryAfterSeconds };
}

export interface ScenarioController {
  /** The scenario the handlers answer with now. */
  readonly current: Scenario;
  /** Switches scenario at run time; throws on an unknown name or a bad knob (the current one is kept). */
  set(scenario: Scenario): void;
  /** Back to the scenario the controller was created with. */
  reset(): void;
  /**
   * Calls `listener` with the new scenario after every `set()` and `reset()` (a switcher UI, a log); returns the
   * function that unsubscribes it. Usable unbound, e.g. as `useSyncExternalStore(controller.subscribe, ...)`.
   */
  subscribe(listener: (scenario: Scenario) => void): () => void;
}

/** Lets a test or the app switch the handlers' scenario at run time, and observe each switch. */
export function createScenarioController(initial: Scenario = 'normal'): ScenarioController {
  resolveScenario(initial);
  let current: Scenario = initial;
  const listeners = new Set<(scenario: Scenario) => void>();
  const change = (next: Scenario) => {
    current = next;
    for (const listener of [...listeners]) listener(next);
  };
  return {
    get current() {
      return current;
    },
    set(scenario) {
      resolveScenario(scenario);
      change(scenario);
    },
    reset() {
      change(initial);
    },
    subscribe(listener) {
      const entry = (scenario: Scenario) => listener(scenario);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
  };
}

export function isScenarioController(value: unknown): value is ScenarioController {
  return (
    typeof value === 'object' &&
    value !== null &&
    'set' in value &&
    typeof (value as { set: unknown }).set === 'function' &&
    'current' in value
  );
}
