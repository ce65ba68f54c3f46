import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as main from './index.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

async function bundleForBrowser(entry: string) {
  return build({
    entryPoints: [join(packageDir, entry)],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    conditions: ['browser'],
    metafile: true,
    logLevel: 'silent',
  });
}

describe('entry points', () => {
  it('the main entry bundles for the browser with no Node built-in', async () => {
    const result = await bundleForBrowser('src/index.ts');
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => input.startsWith('node:'))).toEqual([]);
    expect(result.errors).toEqual([]);
  });

  it('the browser entry bundles for the browser', async () => {
    const result = await bundleForBrowser('src/browser.ts');
    expect(result.errors).toEqual([]);
  });

  it('the main entry exports the agreed API', () => {
    for (const name of [
      'KOODRIVE_DEVICES_PATH',
      'scenarioNames',
      'referenceDevices',
      'demoAccount',
      'emptyAccount',
      'createManyDevicesAccount',
      'defaultAccounts',
      'createScenarioController',
      'createKooDriveHandlers',
      'createKooDriveResponder',
      'formatXDate',
    ]) {
      expect(main).toHaveProperty(name);
    }
  });

  it('package.json maps ., ./node, ./browser with types first, and the bin', () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    for (const entry of ['.', './node', './browser']) {
      expect(Object.keys(manifest.exports[entry])[0]).toBe('types');
    }
    expect(manifest.exports['./node'].browser).toBeNull();
    expect(manifest.exports['./browser'].node).toBeNull();
    // A committed launcher, so npm links the bin at install time, before dist/ exists (a fresh clone).
    expect(manifest.bin['koodrive-mock-server']).toBe('./bin/koodrive-mock-server.js');
    // One msw: the consumer's own (a peer), within the range test:packages installs the low end of.
    expect(manifest.peerDependencies).toEqual({ msw: '^2.7.0' });
    expect(manifest.dependencies ?? {}).not.toHaveProperty('msw');
  });
});
