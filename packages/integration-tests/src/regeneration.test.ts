// "Regenerate the client when the spec changes", end to end. `npm run generate` ran the real generator on two
// edited copies of the spec (scripts/regeneration-variants.mjs) and committed the output under fixtures/regenerated/
// (`generate:check` keeps it in step). Here a scratch copy of the workspace gets that output in place of the
// client's src/generated, with no other edit, and the packages' callers are built and type-checked against it.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { build, fixtures, repo, scratchWorkspace, typecheck } from './testing/scratch-workspace.js';

type DeviceSchema = { properties: Record<string, { example?: unknown }> };
const deviceSchemaOf = (specFile: string): DeviceSchema =>
  (parseYaml(readFileSync(specFile, 'utf8')) as { components: { schemas: { BoundDeviceEntity: DeviceSchema } } })
    .components.schemas.BoundDeviceEntity;

/**
 * The field the additive variant added: the one its spec has and today's spec does not (the variant takes the
 * first candidate field the spec lacks, so this keeps working when the real spec gains deviceModel), with the
 * example it was given.
 */
function addedField(): { name: string; example: string } {
  const today = deviceSchemaOf(join(repo, 'openapi', 'koodrive-device.yaml')).properties;
  const variant = deviceSchemaOf(join(fixtures, 'additive-optional-field', 'koodrive-device.yaml')).properties;
  const added = Object.keys(variant).filter((name) => !(name in today));
  if (added.length !== 1) {
    throw new Error(`the additive variant should add exactly one field to today's spec, not [${added.join(', ')}]`);
  }
  const name = added[0] as string;
  return { name, example: String(variant[name]?.example) };
}
const { name: added, example } = addedField();

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe(`an optional field added to BoundDeviceEntity (${added}), regenerated, nothing edited by hand`, () => {
  let root: string;
  beforeAll(async () => {
    root = scratchWorkspace('additive-optional-field');
    roots.push(root);
    expect(await build(root)).toEqual({});
  });

  it(`reaches BoundDevice's type: a caller reading device.${added} type-checks, and so do all packages`, async () => {
    writeFileSync(
      join(root, 'apps', 'device-dashboard', 'src', 'reads-device-model.ts'),
      "import type { BoundDevice } from '@koodrive-device/client';\n" +
        `export const addedOf = (device: BoundDevice): string | undefined => device.${added};\n`,
    );
    for (const project of ['packages/client/tsconfig.json', 'packages/mocks/tsconfig.json']) {
      const result = await typecheck(root, project.includes('client') ? '-b' : '-p', project);
      expect(result.output).toBe('');
      expect(result.ok).toBe(true);
    }
    const app = await typecheck(root, '-p', 'apps/device-dashboard/tsconfig.json');
    expect(app.output).toBe('');
    expect(app.ok).toBe(true);
  });

  it("reaches the client's result, served by the mocks' own handlers", async () => {
    type Client = typeof import('@koodrive-device/client');
    type Mocks = typeof import('@koodrive-device/mocks');
    const client: Client = await import(pathToFileURL(join(root, 'packages/client/dist/index.js')).href);
    const mocks: Mocks = await import(pathToFileURL(join(root, 'packages/mocks/dist/index.js')).href);
    const [first, ...others] = mocks.referenceDevices;
    if (first === undefined) throw new Error('the mocks have no reference device');
    // The mocks' device type is the client's wire type: a device with the new field is a valid fixture.
    const account = {
      accessToken: 'regen-token',
      userId: 'regen-user',
      devices: [{ ...first, [added]: example }, ...others],
    };
    const server = setupServer(...mocks.createKooDriveHandlers({ accounts: [account] }));
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const devices = await client
        .createKooDriveClient({ baseUrl: 'https://regen.test', accessToken: 'regen-token', userId: 'regen-user' })
        .listBoundDevices();
      expect(devices[0]).toMatchObject({ deviceId: first.deviceId, [added]: example });
      expect(devices[0]?.createTime).toBeInstanceOf(Date);
      expect(JSON.parse(JSON.stringify(devices[0]))).toEqual({ ...first, [added]: example });
    } finally {
      server.close();
    }
  });

  it('is in a pact only when a consumer asks for it, then with a matcher and example from the spec', async () => {
    type Contracts = typeof import('@koodrive-device/contracts');
    const contracts: Contracts = await import(pathToFileURL(join(root, 'packages/contracts/dist/index.js')).href);
    // An optional field a consumer does not read is never demanded: today's pacts stay as they are.
    expect(contracts.exampleBoundDevice).not.toHaveProperty(added);
    expect(contracts.boundDeviceEntity()).not.toHaveProperty(added);
    // Asked for by name (typed from the grown spec; today's types do not know the field, hence the cast).
    const entity = contracts.boundDeviceEntity as unknown as (
      overrides: Record<string, unknown>,
      options: { include: string[] },
    ) => Record<string, unknown>;
    expect(entity({}, { include: [added] })[added]).toEqual({ 'pact:matcher:type': 'type', value: example });
  });

  it('is not in the committed client: the fixture really differs from today', () => {
    // Guards the test itself: if the variant stopped changing anything, the checks above would prove nothing.
    const model = 'models/BoundDeviceEntity.ts';
    expect(readFileSync(join(repo, 'packages/client/src/generated', model), 'utf8')).not.toContain(`${added}?:`);
    expect(readFileSync(join(fixtures, 'additive-optional-field/generated', model), 'utf8')).toContain(
      `${added}?: string;`,
    );
  });
});

describe('a required field renamed (machineCode → machineKode), regenerated', () => {
  let root: string;
  let buildErrors: Record<string, string>;
  beforeAll(async () => {
    root = scratchWorkspace('renamed-required-field');
    roots.push(root);
    buildErrors = await build(root);
  });

  /** The `file(line,col): error` lines of a tsc output. */
  const errorLines = (output: string) => output.split('\n').filter((line) => /: error TS\d+:/.test(line));

  it('fails the typecheck of the app exactly where it reads device.machineCode', async () => {
    const app = await typecheck(root, '-p', 'apps/device-dashboard/tsconfig.json');
    expect(app.ok).toBe(false);
    const lines = errorLines(app.output);
    expect(lines.some((line) => line.startsWith('apps/device-dashboard/src/components/DeviceTable.tsx('))).toBe(true);
    for (const line of lines) expect(line).toMatch(/'machineCode'/);
  });

  it('fails the build of the mocks, whose fixtures still write machineCode, and nothing else there', () => {
    const output = buildErrors['packages/mocks/tsconfig.build.json'] ?? '';
    const lines = errorLines(output);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^packages\/mocks\/src\/fixtures\.ts\(/);
    expect(output).toMatch(/'machineKode' is missing|'machineCode' does not exist/);
  });
});
