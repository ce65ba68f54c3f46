import { describe, expect, it } from 'vitest';
import { createDemoScenario, scenarioFromSearch } from './demo-scenario.js';
import { loadRuntimeConfig, parseRuntimeConfig } from './runtime-config.js';

describe('runtime config', () => {
  it('is real mode only for a complete real-mode answer', () => {
    expect(parseRuntimeConfig({ mode: 'real', userId: 'u1', apiOrigin: 'https://gw.example.com' })).toEqual({
      mode: 'real',
      userId: 'u1',
      apiOrigin: 'https://gw.example.com',
    });
    expect(parseRuntimeConfig({ mode: 'real', userId: '', apiOrigin: 'x' })).toEqual({ mode: 'demo' });
    expect(parseRuntimeConfig('<!doctype html>')).toEqual({ mode: 'demo' });
  });

  it('falls back to demo mode when the server has no config endpoint (static hosting, SPA fallback, offline)', async () => {
    const html: typeof fetch = async () =>
      new Response('<!doctype html>', { headers: { 'Content-Type': 'text/html' } });
    const offline: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(loadRuntimeConfig(html)).resolves.toEqual({ mode: 'demo' });
    await expect(loadRuntimeConfig(offline)).resolves.toEqual({ mode: 'demo' });
  });
});

describe('demo scenario', () => {
  it('reads the scenario from ?scenario=, defaulting to normal', () => {
    expect(scenarioFromSearch('?scenario=empty')).toBe('empty');
    expect(scenarioFromSearch('?scenario=nonsense')).toBe('normal');
    expect(scenarioFromSearch('')).toBe('normal');
  });

  it('notifies subscribers on a change, rejects unknown names and gives the mocks quick knobs', () => {
    const scenario = createDemoScenario();
    const seen: string[] = [];
    scenario.subscribe(() => seen.push(scenario.name));
    scenario.set('unavailable');
    expect(scenario.current).toEqual({ name: 'unavailable', retryAfterSeconds: 1 });
    scenario.set({ name: 'slow' });
    expect(scenario.current).toEqual({ name: 'slow', delayMs: 1500 });
    expect(() => scenario.set('nope' as 'normal')).toThrow('Unknown scenario "nope"');
    scenario.reset();
    expect(scenario.current).toBe('normal');
    expect(seen).toEqual(['unavailable', 'slow', 'normal']);
  });
});
