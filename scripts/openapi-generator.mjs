// Runs the pinned openapi-generator for one generator of openapitools.json (`generators.<name>`) on one spec, the
// way `npm run generate` does: its additional and global properties, its template folder and config when it has
// them (openapi-generator's `files`: templates of ours added to the generator's own), and, for the TypeScript
// client, the spec's validators and schemas beside the output (generate-validators.mjs).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareSpec, splitJavaFiles } from '../packages/client-java/generator/operations.mjs';
import { GeneratorJarError, generatorSettings, repoRoot } from './ensure-generator-jar.mjs';
import { generateRequestValidators } from './generate-request-validators.mjs';
import { generateValidators } from './generate-validators.mjs';

/** Generates `generator`'s output for the spec at `inputSpec` into `outDir` (`label` names the spec in messages). */
export function generateInto(outDir, inputSpec, label, generator) {
  const { config, version } = generatorSettings();
  const client = config.generators[generator];
  console.error(`Running openapi-generator ${version} (${client.generatorName}) on ${label}…`);
  // The java generator writes a whole Maven/Gradle project; only its Java sources are kept.
  const runDir = client.generatorName === 'java' ? join(outDir, '..', 'java-project') : outDir;
  const keyValues = (entries) =>
    Object.entries(entries ?? {})
      .map(([key, value]) => `${key}=${value}`)
      .join(',');
  // A generator's own template folder and config (openapi-generator's `files`: templates added to its own).
  const withCwd = (path) => path.replaceAll('#{cwd}', repoRoot);
  // The Java template's operations need what mustache cannot look up: given as vendor extensions on a copy.
  const javaTemplate = client.generatorName === 'java' && client.templateDir !== undefined;
  const specArg = javaTemplate ? join(outDir, '..', 'koodrive-device.java-operations.yaml') : inputSpec;
  if (javaTemplate) writeFileSync(specArg, prepareSpec(readFileSync(inputSpec, 'utf8')));
  const templates = [
    ...(client.templateDir === undefined ? [] : ['--template-dir', withCwd(client.templateDir)]),
    ...(client.config === undefined ? [] : ['--config', withCwd(client.config)]),
  ];
  const result = spawnSync(
    join(repoRoot, 'node_modules', '.bin', 'openapi-generator-cli'),
    [
      'generate',
      '--generator-name',
      client.generatorName,
      '--input-spec',
      specArg,
      '--output',
      runDir,
      '--additional-properties',
      keyValues(client.additionalProperties),
      '--global-property',
      keyValues(client.globalProperty),
      ...templates,
    ],
    { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, JAVA_OPTS: process.env.JAVA_OPTS ?? '' } },
  );
  if (javaTemplate) rmSync(specArg);
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new GeneratorJarError(`openapi-generator failed on ${label}; see its output above.`);
  }
  if (client.generatorName === 'java') {
    cpSync(join(runDir, 'src', 'main', 'java'), outDir, { recursive: true });
    rmSync(runDir, { recursive: true, force: true });
    if (javaTemplate) splitJavaFiles(outDir);
    return;
  }
  // The generator writes these under .openapi-generator/; keep only what documents the run.
  const headers = ['.openapi-generator-ignore'];
  for (const file of headers) {
    const path = join(outDir, file);
    if (existsSync(path)) rmSync(path);
  }
  // Beside the generated client: the spec's response validators (ajv standalone) and schemas as data.
  generateValidators(inputSpec, outDir);
  generateRequestValidators(inputSpec, outDir);
}
