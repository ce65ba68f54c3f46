import { describe, expect, it } from 'vitest';
import {
  createScenarioController,
  DEFAULT_RETRY_AFTER_SECONDS,
  DEFAULT_SLOW_DELAY_MS,
  isScenarioName,
  resolveScenario,
  scenarioDescriptions,
  scenarioNames,
} from './scenarios.js';

describe('scenarios', () => {
  it('are the nine names (the eight of the first issue and rate-limited), each described once', () => {
    expect(scenarioNames).toEqual([
      'normal',
      'empty',
      'envelope-error',
      'unauthorized',
      'server-error',
      'unavailable',
      'rate-limited',
      'slow',
      'malformed',
    ]);
    expect(Object.keys(scenarioDescriptions).sort()).toEqual([...scenarioNames].sort());
  });

  it('recognises only the defined names', () => {
    expect(isScenarioName('slow')).toBe(true);
    expect(isScenarioName('SLOW')).toBe(false);
    expect(isScenarioName(undefined)).toBe(false);
  });

  it('fills in the defaults of the knobs', () => {
    expect(resolveScenario('slow')).toEqual({
      name: 'slow',
      delayMs: DEFAULT_SLOW_DELAY_MS,
      retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS,
    });
    expect(resolveScenario({ name: 'unavailable', retryAfterSeconds: 30 })).toMatchObject({ retryAfterSeconds: 30 });
  });

  it('rejects unknown names and bad knobs with typed errors', () => {
    expect(() => resolveScenario('chaos' as never)).toThrow(TypeError);
    expect(() => resolveScenario({ name: 'slow', delayMs: -1 })).toThrow(RangeError);
    expect(() => resolveScenario({ name: 'slow', delayMs: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => resolveScenario({ name: 'unavailable', retryAfterSeconds: 1.5 })).toThrow(RangeError);
  });
});

describe('createScenarioController', () => {
  it('starts at normal, switches, and resets to its initial scenario', () => {
    const controller = createScenarioController();
    expect(controller.current).toBe('normal');
    controller.set({ name: 'slow', delayMs: 10 });
    expect(controller.current).toEqual({ name: 'slow', delayMs: 10 });
    controller.reset();
    expect(controller.current).toBe('normal');
    expect(createScenarioController('empty').current).toBe('empty');
  });

  it('keeps the current scenario when told an unknown one', () => {
    const controller = createScenarioController('empty');
    expect(() => controller.set('nope' as never)).toThrow(TypeError);
    expect(controller.current).toBe('empty');
  });

  it('tells subscribers every switch and reset, with the new scenario, until they unsubscribe', () => {
    const controller = createScenarioController('empty');
    const seen: unknown[] = [];
    const { subscribe } = controller; // usable unbound, as useSyncExternalStore calls it
    const unsubscribe = subscribe((scenario) => seen.push(scenario));
    controller.set({ name: 'slow', delayMs: 5 });
    expect(() => controller.set('chaos' as never)).toThrow(TypeError);
    controller.reset();
    unsubscribe();
    controller.set('normal');
    expect(seen).toEqual([{ name: 'slow', delayMs: 5 }, 'empty']);
  });

  it('refuses an unknown initial scenario', () => {
    expect(() => createScenarioController('nope' as never)).toThrow(TypeError);
  });
});
