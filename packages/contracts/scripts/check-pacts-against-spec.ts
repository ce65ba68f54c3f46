// npm run test:pacts-vs-spec [-- <pact files or folders>]: validates every pact in <repo>/pacts (or the given
// files/folders) against openapi/koodrive-device.yaml. Exit 1 if any pact disagrees with the spec or none exists.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { KOODRIVE_PROVIDER } from '../src/states.js';
import { checkPactAgainstSpec, formatSpecCheckResult, listPactFiles } from './pacts-vs-spec.js';
import { pactsDir, specFile } from './paths.js';

const targets = process.argv.slice(2);
const files = (targets.length === 0 ? [pactsDir] : targets).flatMap((target) => {
  const path = resolve(target);
  try {
    return statSync(path).isDirectory() ? listPactFiles(path) : [path];
  } catch {
    return [];
  }
});

if (files.length === 0) {
  console.error(
    `No pact file found in ${targets.length === 0 ? pactsDir : targets.join(', ')}: run the consumer tests first (npm test).`,
  );
  process.exit(1);
}

let failed = 0;
for (const file of files) {
  let provider: unknown;
  try {
    provider = (JSON.parse(readFileSync(file, 'utf8')) as { provider?: { name?: unknown } }).provider?.name;
  } catch {
    provider = undefined;
  }
  if (provider !== KOODRIVE_PROVIDER) {
    // Not a pact against this spec's provider (or not a pact at all): that is an error, not a silent skip.
    console.log(`FAIL ${file}: not a pact for ${KOODRIVE_PROVIDER} (provider ${JSON.stringify(provider ?? null)})`);
    failed += 1;
    continue;
  }
  const result = await checkPactAgainstSpec(file, specFile);
  if (!result.success) failed += 1;
  for (const line of formatSpecCheckResult(result)) console.log(line);
}
console.log(`${files.length - failed}/${files.length} pact file(s) agree with ${specFile}`);
process.exitCode = failed === 0 ? 0 : 1;
