#!/usr/bin/env node
// Regenerates packages/client/src/generated from openapi/koodrive-device.yaml with the pinned
// openapi-generator (typescript-fetch), using the options in openapitools.json `generators.client`, and writes the
// spec's response validators and schemas beside it (scripts/generate-validators.mjs).
//
//   node scripts/generate-client.mjs          replace src/generated with fresh output
//   node scripts/generate-client.mjs --check  exit 1, with a diff, when src/generated differs from fresh output
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ensureGeneratorJar, GeneratorJarError, generatorSettings, repoRoot } from './ensure-generator-jar.mjs';
import { generateValidators, ValidatorGenerationError } from './generate-validators.mjs';

const checkOnly = process.argv.includes('--check');
const committed = join(repoRoot, 'packages', 'client', 'src', 'generated');

function generateInto(outDir) {
  const { config, version } = generatorSettings();
  console.error(`Running openapi-generator ${version} (typescript-fetch) on openapi/koodrive-device.yaml…`);
  const client = config.generators.client;
  const props = Object.entries(client.additionalProperties)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  const globals = Object.entries(client.globalProperty ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  const result = spawnSync(
    join(repoRoot, 'node_modules', '.bin', 'openapi-generator-cli'),
    [
      'generate',
      '--generator-name',
      client.generatorName,
      '--input-spec',
      join(repoRoot, 'openapi', 'koodrive-device.yaml'),
      '--output',
      outDir,
      '--additional-properties',
      props,
      '--global-property',
      globals,
    ],
    { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, JAVA_OPTS: process.env.JAVA_OPTS ?? '' } },
  );
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new GeneratorJarError('openapi-generator failed on openapi/koodrive-device.yaml; see its output above.');
  }
  // The generator writes these under .openapi-generator/; keep only what documents the run.
  const headers = ['.openapi-generator-ignore'];
  for (const file of headers) {
    const path = join(outDir, file);
    if (existsSync(path)) rmSync(path);
  }
  // Beside the generated client: the spec's response validators (ajv standalone) and schemas as data.
  generateValidators(join(repoRoot, 'openapi', 'koodrive-device.yaml'), outDir);
}

async function main() {
  await ensureGeneratorJar();
  const fresh = mkdtempSync(join(tmpdir(), 'koodrive-generated-'));
  try {
    generateInto(fresh);
    if (!checkOnly) {
      rmSync(committed, { recursive: true, force: true });
      cpSync(fresh, committed, { recursive: true });
      chmodSync(committed, 0o755); // the temporary directory was created 0700
      console.log(`Regenerated ${relative(repoRoot, committed)} from openapi/koodrive-device.yaml.`);
      return 0;
    }
    const diff = spawnSync(
      'git',
      ['--no-pager', 'diff', '--no-index', '--no-prefix', '--color=never', '--', committed, fresh],
      {
        encoding: 'utf8',
      },
    );
    if (diff.status === 0) {
      console.log(`${relative(repoRoot, committed)} matches what openapi/koodrive-device.yaml generates.`);
      return 0;
    }
    process.stdout.write(
      // --no-prefix prints the absolute paths without their leading slash.
      diff.stdout
        .replaceAll(fresh.slice(1), 'regenerated')
        .replaceAll(committed.slice(1), 'committed'),
    );
    console.error(
      `\n${relative(repoRoot, committed)} is out of date with openapi/koodrive-device.yaml (diff above: committed vs regenerated). Run \`npm run generate\` and commit the result.`,
    );
    return 1;
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof GeneratorJarError || error instanceof ValidatorGenerationError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
