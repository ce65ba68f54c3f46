// Every entry point with import, from the installed tarballs only.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const here = process.cwd();
/** Each entry point and some of the names it must export. */
const entries = JSON.parse(readFileSync(new URL('./entries.json', import.meta.url), 'utf8'));
for (const [entry, names] of Object.entries(entries)) {
  const resolved = import.meta.resolve(entry);
  assert.ok(resolved.startsWith(`file://${here}/node_modules/`), `${entry} resolved to ${resolved}`);
  const module = await import(entry);
  for (const name of names) assert.ok(module[name] !== undefined, `${entry} exports ${name}`);
  console.log(`  import ${entry}: ok`);
}
// The browser entry is `node: null`, like msw/browser: Node refuses it with a clear code.
await assert.rejects(import('@koodrive-device/mocks/browser'), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
console.log('  import @koodrive-device/mocks/browser: refused in Node (ERR_PACKAGE_PATH_NOT_EXPORTED), as documented');
const spec = createRequire(import.meta.url).resolve('@koodrive-device/contracts/openapi.yaml');
assert.ok(spec.startsWith(`${here}/node_modules/`), spec);
console.log('  @koodrive-device/contracts/openapi.yaml: shipped');
