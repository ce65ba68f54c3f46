import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { specPath as specFile } from '@koodrive-device/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { listPactFiles } from './provider/pact-files.js';
import { checkPactAgainstSpec, formatSpecCheckResult } from './spec-check.js';
import { recordClientPact } from './test-support/client-pact.js';
import {
  device,
  header,
  type PactJson,
  plantedPacts,
  type SpecJson,
  specDrifts,
} from './test-support/planted-drifts.js';

const workDir = mkdtempSync(join(tmpdir(), 'contracts-spec-check-'));
let goodPactFile: string;
let goodPact: PactJson;

beforeAll(async () => {
  // A fresh pact from the real builders and client; every bad pact below is a mutated copy of it.
  goodPactFile = await recordClientPact(join(workDir, 'pacts'));
  goodPact = JSON.parse(readFileSync(goodPactFile, 'utf8')) as PactJson;
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function plantedPact(name: string, mutate: (pact: PactJson) => void): string {
  const pact = structuredClone(goodPact);
  mutate(pact);
  const file = join(workDir, `${name}.json`);
  writeFileSync(file, JSON.stringify(pact));
  return file;
}

function driftedSpec(name: string, mutate: (spec: SpecJson) => void): string {
  const spec = parseYaml(readFileSync(specFile, 'utf8')) as SpecJson;
  mutate(spec);
  const file = join(workDir, `${name}.yaml`);
  writeFileSync(file, stringifyYaml(spec));
  return file;
}

describe('pact versus spec (openapi-pact-comparator)', () => {
  it("accepts this package's pact, with no warnings either", async () => {
    const result = await checkPactAgainstSpec(listPactFiles(join(workDir, 'pacts'))[0] as string, specFile);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.success).toBe(true);
    expect(formatSpecCheckResult(result)).toEqual([`OK   ${goodPactFile}: 0 error(s), 0 warning(s)`]);
  });

  it.each(plantedPacts)('rejects a pact with %s', async (name, mutate, code, where) => {
    const result = await checkPactAgainstSpec(plantedPact(name.replaceAll(' ', '-'), mutate), specFile);
    expect(result.success).toBe(false);
    const finding = result.errors.find((error) => error.code === code);
    expect(finding, JSON.stringify(result.errors)).toBeDefined();
    if (where !== undefined) expect([finding?.location, finding?.message]).toContainEqual(expect.stringMatching(where));
    expect(finding?.interaction).toEqual(expect.any(String));
  });

  it.each(specDrifts)('rejects the real pact once the spec has %s', async (name, mutate, code) => {
    const result = await checkPactAgainstSpec(goodPactFile, driftedSpec(name.replaceAll(' ', '-'), mutate));
    expect(result.success).toBe(false);
    expect(result.errors.map((error) => error.code)).toContain(code);
  });

  it('names the file and counts the errors on its first line', async () => {
    const file = plantedPact('numeric-device-id', device('deviceId', Number));
    const result = await checkPactAgainstSpec(file, specFile);
    expect(formatSpecCheckResult(result)[0]).toMatch(/^FAIL .*numeric-device-id\.json: 1 error\(s\)/);
  });

  it('rejects a pact that records a real token instead of the placeholder, without repeating it', async () => {
    const file = plantedPact('real-token', header('Authorization', 'Bearer kd_at_leaked123'));
    const result = await checkPactAgainstSpec(file, specFile);
    expect(result.success).toBe(false);
    expect(result.errors.filter((error) => error.code === 'request.authorization.not-placeholder')).toHaveLength(3);
    expect(JSON.stringify(result)).not.toContain('kd_at_leaked123');
    expect(formatSpecCheckResult(result).join('\n')).not.toContain('kd_at_leaked123');
  });

  it('rejects a file that is not a pact for koodrive-device-api, without comparing it', async () => {
    const file = plantedPact('other-provider', (pact) => {
      pact.provider.name = 'another-api';
    });
    const result = await checkPactAgainstSpec(file, specFile);
    expect(result.success).toBe(false);
    expect(result.errors.map((error) => error.code)).toEqual(['pact.not-for-provider']);
    expect(formatSpecCheckResult(result)[1]).toContain('not a pact for koodrive-device-api (provider "another-api")');
  });
});
