#!/usr/bin/env node
// Regenerates both clients from openapi/koodrive-device.yaml with the pinned openapi-generator:
// - packages/client/src/generated (typescript-fetch, openapitools.json `generators.client`), with the spec's
//   response validators and schemas beside it (scripts/generate-validators.mjs);
// - packages/client-java/src/generated/java (java, library native, `generators.client-java`): only the Java
//   sources; the generator's pom, gradle files, README and docs are not kept (the package has its own POM).
//
// It also generates the regeneration fixtures (scripts/regeneration-variants.mjs: the spec with an optional field
// added, and with a required field renamed) for both clients into
// packages/integration-tests/fixtures/regenerated/<variant>/generated (TypeScript) and java/generated (Java).
//
//   node scripts/generate-client.mjs          replace the generated folders with fresh output
//   node scripts/generate-client.mjs --check  exit 1, with a diff, when a generated folder differs from fresh output
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { ensureGeneratorJar, GeneratorJarError, repoRoot } from './ensure-generator-jar.mjs';
import { ValidatorGenerationError } from './generate-validators.mjs';
import { generateInto } from './openapi-generator.mjs';
import { regenerationVariants, variantSpec } from './regeneration-variants.mjs';

const checkOnly = process.argv.includes('--check');
const specPath = join(repoRoot, 'openapi', 'koodrive-device.yaml');
const fixturesDir = join(repoRoot, 'packages', 'integration-tests', 'fixtures', 'regenerated');

/** The generated folder of each client (key in openapitools.json `generators`), relative to a variant's fixture. */
const clients = {
  client: { folder: join(repoRoot, 'packages', 'client', 'src', 'generated'), fixture: 'generated' },
  'client-java': {
    folder: join(repoRoot, 'packages', 'client-java', 'src', 'generated', 'java'),
    fixture: join('java', 'generated'),
  },
};

/** Every generated folder: each client's, then one per client and regeneration variant (the spec beside it). */
const targets = [
  ...Object.entries(clients).map(([generator, { folder }]) => ({
    generator,
    label: 'openapi/koodrive-device.yaml',
    specText: undefined,
    folder,
  })),
  ...Object.entries(regenerationVariants).flatMap(([name, variant]) =>
    Object.entries(clients).map(([generator, { fixture }]) => ({
      generator,
      label: `the variant "${name}" (${variant.change})`,
      specText: () => variantSpec(readFileSync(specPath, 'utf8'), name),
      folder: join(fixturesDir, name, fixture),
      specCopy: join(fixturesDir, name, 'koodrive-device.yaml'),
    })),
  ),
];

/** Generates one target into a temporary folder; returns that folder (and the variant's spec file, if any). */
function generateTarget(target, scratch) {
  const out = join(scratch, 'out');
  mkdirSync(out, { recursive: true });
  let inputSpec = specPath;
  if (target.specText !== undefined) {
    inputSpec = join(scratch, 'koodrive-device.yaml');
    writeFileSync(inputSpec, target.specText());
  }
  generateInto(out, inputSpec, target.label, target.generator);
  return { out, inputSpec };
}

function checkTarget(target, fresh) {
  const diff = spawnSync(
    'git',
    ['--no-pager', 'diff', '--no-index', '--no-prefix', '--color=never', '--', target.folder, fresh],
    { encoding: 'utf8' },
  );
  const name = relative(repoRoot, target.folder);
  if (diff.status === 0) {
    console.log(`${name} matches what ${target.label} generates.`);
    return true;
  }
  // --no-prefix prints the absolute paths without their leading slash.
  process.stdout.write(
    diff.stdout.replaceAll(fresh.slice(1), 'regenerated').replaceAll(target.folder.slice(1), 'committed'),
  );
  console.error(
    `\n${name} is out of date with ${target.label} (diff above: committed vs regenerated). Run \`npm run generate\` and commit the result.`,
  );
  return false;
}

async function main() {
  await ensureGeneratorJar();
  let ok = true;
  for (const target of targets) {
    const scratch = mkdtempSync(join(tmpdir(), 'koodrive-generated-'));
    try {
      const { out, inputSpec } = generateTarget(target, scratch);
      if (checkOnly) {
        ok = checkTarget(target, out) && ok;
        continue;
      }
      rmSync(target.folder, { recursive: true, force: true });
      mkdirSync(dirname(target.folder), { recursive: true });
      cpSync(out, target.folder, { recursive: true });
      chmodSync(target.folder, 0o755); // the temporary directory was created 0700
      if (target.specCopy !== undefined) cpSync(inputSpec, target.specCopy);
      console.log(`Regenerated ${relative(repoRoot, target.folder)} from ${target.label}.`);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return ok ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof GeneratorJarError || error instanceof ValidatorGenerationError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
