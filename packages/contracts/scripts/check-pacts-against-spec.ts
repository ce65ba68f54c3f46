// npm run test:pacts-vs-spec [-- [--spec <spec file>] <pact files or folders>]: validates every pact in <repo>/pacts
// (or the given files/folders) against openapi/koodrive-device.yaml (or the given spec, e.g. a spec that has grown
// an operation before it is merged). Exit 1 if any pact disagrees with the spec or none exists, 2 if a given path
// does not exist.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { listPactFiles, resolvePactTargets } from '../src/provider/pact-files.js';
import { ProviderSetupError } from '../src/provider/setup-error.js';
import { checkPactAgainstSpec, formatSpecCheckResult } from '../src/spec-check.js';
import { pactsDir, specFile as repoSpecFile } from './paths.js';

const args = process.argv.slice(2);
const specFlag = args.indexOf('--spec');
let specFile = repoSpecFile;
if (specFlag !== -1) {
  const given = args[specFlag + 1];
  if (given === undefined || !existsSync(given)) {
    console.error(
      `test:pacts-vs-spec: --spec ${given === undefined ? 'needs a file' : `${resolve(given)} does not exist`}`,
    );
    process.exit(2);
  }
  specFile = resolve(given);
  args.splice(specFlag, 2);
}
const targets = args;
let files: string[];
try {
  files = targets.length === 0 ? listPactFiles(pactsDir) : resolvePactTargets(targets);
} catch (error) {
  if (!(error instanceof ProviderSetupError)) throw error;
  console.error(`test:pacts-vs-spec: ${error.message}`);
  process.exit(2);
}

if (files.length === 0) {
  console.error(
    targets.length === 0
      ? `No pact file in ${pactsDir}: run the consumer tests first (npm run test:pacts).`
      : `No .json pact file in ${targets.join(', ')}.`,
  );
  process.exit(1);
}

let failed = 0;
for (const file of files) {
  const result = await checkPactAgainstSpec(file, specFile);
  if (!result.success) failed += 1;
  for (const line of formatSpecCheckResult(result)) console.log(line);
}
console.log(`${files.length - failed}/${files.length} pact file(s) agree with ${specFile}`);
process.exitCode = failed === 0 ? 0 : 1;
