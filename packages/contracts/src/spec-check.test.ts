import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { specPath as specFile } from '@koodrive-device/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPactFiles } from './provider/pact-files.js';
import { checkPactAgainstSpec, formatSpecCheckResult } from './spec-check.js';
import { recordClientPact } from './test-support/client-pact.js';

type PactJson = {
  interactions: {
    providerStates: { name: string }[];
    request: { headers: Record<string, string[]> };
    response: { status: number; body: { content: { data?: Record<string, unknown>[] } } };
  }[];
};

const workDir = mkdtempSync(join(tmpdir(), 'contracts-spec-check-'));
let goodPact: PactJson;

beforeAll(async () => {
  // A fresh pact from the real builders and client, then mutated copies of it.
  goodPact = JSON.parse(readFileSync(await recordClientPact(join(workDir, 'pacts')), 'utf8')) as PactJson;
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function variant(name: string, mutate: (pact: PactJson) => void): string {
  const pact = structuredClone(goodPact);
  mutate(pact);
  const file = join(workDir, `${name}.json`);
  writeFileSync(file, JSON.stringify(pact));
  return file;
}

const withDevices = (pact: PactJson) => {
  const interaction = pact.interactions.find((candidate) => (candidate.response.body.content.data?.length ?? 0) > 0);
  if (interaction === undefined) throw new Error('the recorded pact has no interaction with devices');
  return interaction;
};

describe('pact versus spec (swagger-mock-validator)', () => {
  it("accepts this package's pact", async () => {
    const result = await checkPactAgainstSpec(listPactFiles(join(workDir, 'pacts'))[0] as string, specFile);
    expect(result.errors).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('rejects a pact that expects deviceId as a number', async () => {
    const file = variant('numeric-device-id', (pact) => {
      const device = withDevices(pact).response.body.content.data?.[0] as Record<string, unknown>;
      device.deviceId = Number(device.deviceId);
    });
    const result = await checkPactAgainstSpec(file, specFile);
    expect(result.success).toBe(false);
    expect(result.errors).toContainEqual(
      expect.objectContaining({ code: 'response.body.incompatible', location: expect.stringMatching(/deviceId$/) }),
    );
    expect(formatSpecCheckResult(result)[0]).toMatch(/^FAIL .*numeric-device-id\.json: 1 error\(s\)/);
  });

  it('rejects a pact that sends X-Date in another format', async () => {
    const file = variant('iso-x-date', (pact) => {
      for (const interaction of pact.interactions) interaction.request.headers['X-Date'] = ['2025-11-03T07:01:40Z'];
    });
    const result = await checkPactAgainstSpec(file, specFile);
    expect(result.success).toBe(false);
    expect(result.errors.map((error) => error.code)).toContain('request.header.incompatible');
  });

  it('rejects a pact that expects a device field the spec does not have', async () => {
    const file = variant('extra-field', (pact) => {
      const device = withDevices(pact).response.body.content.data?.[0] as Record<string, unknown>;
      device.serialNumber = 'SN-1';
    });
    const result = await checkPactAgainstSpec(file, specFile);
    expect(result.success).toBe(false);
    expect(result.errors[0]?.message).toMatch(/serialNumber/);
  });

  it('rejects a pact that records a real token instead of the placeholder', async () => {
    const file = variant('real-token', (pact) => {
      for (const interaction of pact.interactions)
        interaction.request.headers.Authorization = ['Bearer kd_at_leaked123'];
    });
    const result = await checkPactAgainstSpec(file, specFile);
    expect(result.success).toBe(false);
    expect(result.errors.filter((error) => error.code === 'request.authorization.not-placeholder')).toHaveLength(3);
    expect(formatSpecCheckResult(result).join('\n')).not.toContain('kd_at_leaked123');
  });

  it('rejects a file that is not a pact for koodrive-device-api, without running the validator', async () => {
    const file = variant('other-provider', (pact) => {
      (pact as unknown as { provider: { name: string } }).provider.name = 'another-api';
    });
    const result = await checkPactAgainstSpec(file, specFile);
    expect(result.success).toBe(false);
    expect(result.errors.map((error) => error.code)).toEqual(['pact.not-for-provider']);
    expect(formatSpecCheckResult(result)[1]).toContain('not a pact for koodrive-device-api (provider "another-api")');
  });

  it('rejects a pact that expects an undocumented status', async () => {
    const file = variant('teapot', (pact) => {
      withDevices(pact).response.status = 418;
    });
    const result = await checkPactAgainstSpec(file, specFile);
    expect(result.success).toBe(false);
    expect(result.errors.map((error) => error.code)).toContain('response.status.unknown');
  });
});
