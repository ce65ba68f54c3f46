import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount, referenceDevices } from './fixtures.js';
import { createKooDriveServer } from './node.js';
import { createScenarioController } from './scenarios.js';
import { fixedNow, validHeaders } from './testing/call.js';

const scenario = createScenarioController();
const mockServer = createKooDriveServer({ now: fixedNow, scenario });

describe('createKooDriveServer (msw setupServer)', () => {
  beforeAll(() => mockServer.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => scenario.reset());
  afterAll(() => mockServer.close());

  it('answers fetch with the reference devices', async () => {
    const response = await fetch('https://koodrive.example/koodrive/ose/v1/backup/device', {
      headers: validHeaders(demoAccount),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('date')).toBe('Thu, 12 Feb 2026 10:00:00 GMT');
    expect((await response.json()).data).toEqual(referenceDevices);
  });

  it('switches scenario at run time through its controller', async () => {
    scenario.set({ name: 'unavailable', retryAfterSeconds: 7 });
    const response = await fetch('http://localhost/api/koodrive/ose/v1/backup/device', {
      headers: validHeaders(demoAccount),
    });
    expect([response.status, response.headers.get('retry-after')]).toEqual([503, '7']);
  });

  it('rejects an unsigned fetch with 401', async () => {
    const response = await fetch('https://koodrive.example/koodrive/ose/v1/backup/device');
    expect(response.status).toBe(401);
  });
});

describe('the node entry', () => {
  it('exports factories only: no server is built at import (as msw itself exports setupServer)', async () => {
    const entry = await import('./node.js');
    expect(Object.keys(entry).sort()).toEqual([
      'DEFAULT_MOCK_SERVER_HOST',
      'DEFAULT_MOCK_SERVER_PORT',
      'SCENARIO_CONTROL_PATH',
      'createKooDriveServer',
      'startKooDriveMockServer',
    ]);
    expect(createKooDriveServer().listHandlers()).toHaveLength(1);
  });
});
