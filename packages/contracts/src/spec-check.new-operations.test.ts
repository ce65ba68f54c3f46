import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_AUTHORIZATION } from './matchers.js';
import { checkPactAgainstSpec } from './spec-check.js';
import { TEST_TOKENS } from './test-support/client-pact.js';
import {
  DEVICE_PATH,
  NEW_OPERATION_DEVICE,
  recordRenameDevicePact,
  recordUnbindDevicePact,
} from './test-support/new-operation-pacts.js';
import { useTempDir } from './test-support/temp-dir.js';
import { variantSpecFile, variantSpecWithout } from './test-support/variant-specs.js';

const RENAME_PATH = '/koodrive/ose/v1/backup/device/{deviceId}/name';

// A team writing a pact for an operation the spec has just gained, with the same helpers as listBoundDevices,
// against the regeneration variants' spec (scripts/regeneration-variants.mjs): the pact-vs-spec check covers it.
const work = useTempDir('contracts-new-operations-');

type PactJson = {
  interactions: {
    request: { method: string; path: string; body?: { content: Record<string, unknown> } };
    response: { status: number; body?: { content: Record<string, unknown> } };
  }[];
};

let renamePact: string;
let unbindPact: string;

beforeAll(async () => {
  renamePact = await recordRenameDevicePact(join(work.dir, 'rename'));
  unbindPact = await recordUnbindDevicePact(join(work.dir, 'unbind'));
});

/** A copy of `file` changed by `mutate`. */
function planted(file: string, name: string, mutate: (pact: PactJson) => void): string {
  const pact = JSON.parse(readFileSync(file, 'utf8')) as PactJson;
  mutate(pact);
  return work.write(`${name}.json`, pact);
}
const first = (pact: PactJson) => pact.interactions.find((interaction) => interaction.response.status === 200);

describe('the pact-vs-spec check covers a pact for an operation the spec gains', () => {
  it('accepts a renameDevice pact (POST, path parameter, JSON body, 200 and 401) written with the helpers', async () => {
    const result = await checkPactAgainstSpec(renamePact, variantSpecFile('new-post-operation'));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    const pact = JSON.parse(readFileSync(renamePact, 'utf8')) as PactJson;
    expect(pact.interactions.map((interaction) => interaction.request.path)).toEqual([
      `${DEVICE_PATH}/name`,
      `${DEVICE_PATH}/name`,
    ]);
  });

  it('accepts an unbindDevice pact (DELETE, path parameter, no body) written with the helpers', async () => {
    const result = await checkPactAgainstSpec(unbindPact, variantSpecFile('new-delete-operation'));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('records neither token the tests sent, only the placeholder', () => {
    for (const file of [renamePact, unbindPact]) {
      const text = readFileSync(file, 'utf8');
      for (const token of TEST_TOKENS) expect(text).not.toContain(token);
      expect(text).toContain(EXAMPLE_AUTHORIZATION);
    }
  });

  it('rejects the renameDevice pact against a spec that lacks the operation', async () => {
    const withoutRename = variantSpecWithout('new-post-operation', RENAME_PATH, work.dir);
    const result = await checkPactAgainstSpec(renamePact, withoutRename);
    expect(result.success).toBe(false);
    expect(result.errors.map((error) => error.code)).toContain('request.path-or-method.unknown');
  });

  it.each([
    [
      'a request body whose deviceName is a number',
      (pact: PactJson) => {
        const request = first(pact)?.request;
        if (request?.body !== undefined) request.body.content.deviceName = 42;
      },
      'request.body.incompatible',
    ],
    [
      'a deviceId path parameter that is not digits',
      (pact: PactJson) => {
        const request = first(pact)?.request;
        if (request !== undefined) request.path = '/koodrive/ose/v1/backup/device/dev-1/name';
      },
      'request.path-or-method.unknown',
    ],
    [
      'an answer whose device has a numeric deviceId',
      (pact: PactJson) => {
        const data = first(pact)?.response.body?.content.data as Record<string, unknown> | undefined;
        if (data !== undefined) data.deviceId = Number(NEW_OPERATION_DEVICE);
      },
      'response.body.incompatible',
    ],
  ])('rejects a renameDevice pact with %s', async (name, mutate, code) => {
    const file = planted(renamePact, name.replaceAll(' ', '-'), mutate);
    const result = await checkPactAgainstSpec(file, variantSpecFile('new-post-operation'));
    expect(result.success).toBe(false);
    expect(result.errors.map((error) => error.code)).toContain(code);
  });

  it('rejects an unbindDevice pact whose method drifted to POST', async () => {
    const file = planted(unbindPact, 'unbind-as-post', (pact) => {
      for (const interaction of pact.interactions) interaction.request.method = 'POST';
    });
    const result = await checkPactAgainstSpec(file, variantSpecFile('new-delete-operation'));
    expect(result.success).toBe(false);
    expect(result.errors.map((error) => error.code)).toContain('request.path-or-method.unknown');
  });

  it('rejects the renameDevice pact once the spec requires a body field the pact lacks', async () => {
    const spec = readFileSync(variantSpecFile('new-post-operation'), 'utf8').replace(
      /(DeviceRename:[\s\S]*?required:\n\s*- deviceName)/,
      '$1\n        - deviceColour',
    );
    expect(spec).toContain('- deviceColour');
    const file = join(work.dir, 'drifted-spec.yaml');
    writeFileSync(file, spec);
    const result = await checkPactAgainstSpec(renamePact, file);
    expect(result.success).toBe(false);
    expect(result.errors.map((error) => error.code)).toContain('request.body.incompatible');
  });
});
