// Every entry point with require() (Node >= 20.19 loads ESM synchronously through the exports map).
const assert = require('node:assert/strict');

const here = process.cwd();
/** Each entry point and some of the names it must export. */
const entries = require('./entries.json');
for (const [entry, names] of Object.entries(entries)) {
  const resolved = require.resolve(entry);
  assert.ok(resolved.startsWith(`${here}/node_modules/`), `${entry} resolved to ${resolved}`);
  const module = require(entry);
  for (const name of names) assert.ok(module[name] !== undefined, `${entry} exports ${name}`);
  console.log(`  require ${entry}: ok`);
}
assert.throws(() => require('@koodrive-device/mocks/browser'), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
console.log('  require @koodrive-device/mocks/browser: refused in Node (ERR_PACKAGE_PATH_NOT_EXPORTED), as documented');
// require() and import() give the same module instance: instanceof KooDriveError holds across both.
import('@koodrive-device/client').then(({ KooDriveError }) => {
  assert.equal(KooDriveError, require('@koodrive-device/client').KooDriveError, 'one module instance');
  console.log('  require and import share one instance of @koodrive-device/client');
});
