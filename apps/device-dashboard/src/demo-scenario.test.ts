// @vitest-environment node
import { demoAccount, formatXDate, KOODRIVE_DEVICES_PATH, resolveScenario } from '@koodrive-device/mocks';
import { createKooDriveServer } from '@koodrive-device/mocks/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDemoScenario } from './demo-scenario.js';

const ORIGIN = 'http://localhost:3000';
const scenario = createDemoScenario();
const server = createKooDriveServer({ scenario });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => scenario.reset());
afterAll(() => server.close());

/** One request as the page sends it, timed. */
async function timedRequest(): Promise<{ response: Response; elapsedMs: number }> {
  const started = performance.now();
  const response = await fetch(`${ORIGIN}${KOODRIVE_DEVICES_PATH}`, {
    headers: {
      Authorization: `Bearer ${demoAccount.accessToken}`,
      'X-User-Id': demoAccount.userId,
      'X-Date': formatXDate(new Date()),
    },
  });
  await response.arrayBuffer();
  return { response, elapsedMs: performance.now() - started };
}

describe('the demo scenario controller passes the options it is given to the mocks', () => {
  it('keeps delayMs of a slow scenario, so the answer comes after that delay and not the demo default of 1.5 s', async () => {
    // Longer than the default, so only a lower bound is asserted: a busy machine can only make it slower.
    scenario.set({ name: 'slow', delayMs: 2000 });
    expect(scenario.current).toEqual({ name: 'slow', delayMs: 2000 });
    const { response, elapsedMs } = await timedRequest();
    expect(response.status).toBe(200);
    expect(elapsedMs).toBeGreaterThanOrEqual(1950);
  });

  it('passes delayMs 0 of a slow scenario to the mocks, instead of the demo default of 1.5 s', async () => {
    // Asserted on what the mocks are given, not on a stopwatch: a busy machine may take any time to answer.
    scenario.set({ name: 'slow', delayMs: 0 });
    expect(scenario.current).toEqual({ name: 'slow', delayMs: 0 });
    expect(resolveScenario(scenario.current).delayMs).toBe(0);
    const { response } = await timedRequest();
    expect(response.status).toBe(200);
  });

  it('gives rate-limited the demo quick Retry-After of 1 s, as unavailable', async () => {
    scenario.set('rate-limited');
    const { response } = await timedRequest();
    expect([response.status, response.headers.get('retry-after')]).toEqual([429, '1']);
  });

  it('keeps retryAfterSeconds of an unavailable scenario (the Retry-After the mocks send)', async () => {
    scenario.set({ name: 'unavailable', retryAfterSeconds: 7 });
    const { response } = await timedRequest();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('7');
  });

  it('still gives a bare name, or an object without options, the demo quick knobs', async () => {
    scenario.set('unavailable');
    expect((await timedRequest()).response.headers.get('retry-after')).toBe('1');
    scenario.set({ name: 'slow' });
    expect(scenario.current).toEqual({ name: 'slow', delayMs: 1500 });
    scenario.set({ name: 'unavailable', delayMs: 10 });
    expect(scenario.current).toEqual({ name: 'unavailable', delayMs: 10, retryAfterSeconds: 1 });
  });

  it('rejects a bad option with the mocks’ error and keeps the current scenario', () => {
    scenario.set({ name: 'slow', delayMs: 300 });
    expect(() => scenario.set({ name: 'slow', delayMs: -1 })).toThrow(RangeError);
    expect(() => scenario.set({ name: 'unavailable', retryAfterSeconds: 1.5 })).toThrow(RangeError);
    expect(scenario.current).toEqual({ name: 'slow', delayMs: 300 });
  });

  it('resets to the initial scenario with its options, and notifies subscribers only when the name changes', () => {
    const custom = createDemoScenario({ name: 'slow', delayMs: 40 });
    const seen: string[] = [];
    custom.subscribe(() => seen.push(custom.name));
    custom.set({ name: 'slow', delayMs: 900 });
    expect(custom.current).toEqual({ name: 'slow', delayMs: 900 });
    custom.set('empty');
    custom.reset();
    expect(custom.current).toEqual({ name: 'slow', delayMs: 40 });
    expect(seen).toEqual(['empty', 'slow']);
  });
});
