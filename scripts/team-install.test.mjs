import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertInstallScriptsRan, installAsATeam, packagesWithInstallScripts } from './team-install.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'team-install-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const writeJson = (file, value) => writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

/** A project depending on a local package whose postinstall writes a marker file (no registry involved). */
function projectWithPostinstall(name) {
  const root = join(scratch, name);
  mkdirSync(join(root, 'dep'), { recursive: true });
  mkdirSync(join(root, 'app'));
  writeJson(join(root, 'dep', 'package.json'), {
    name: 'marks-its-install',
    version: '1.0.0',
    scripts: { postinstall: "node -e \"require('fs').writeFileSync('installed.txt', 'yes')\"", install: ' ' },
  });
  writeJson(join(root, 'app', 'package.json'), { name: 'app', private: true, version: '1.0.0' });
  return { app: join(root, 'app'), tarballDir: join(root, 'dep') };
}

const envWithoutNpm = () => Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

describe('installAsATeam', () => {
  it("runs a dependency's postinstall, as npm does on teams' machines, and reports it", () => {
    const { app, tarballDir } = projectWithPostinstall('runs');
    const ran = installAsATeam(app, [`file:${tarballDir}`, '--install-links'], envWithoutNpm());
    expect(ran).toEqual([{ name: 'marks-its-install', version: '1.0.0', events: ['postinstall'] }]);
    expect(existsSync(join(app, 'node_modules', 'marks-its-install', 'installed.txt'))).toBe(true);
  });
});

describe('assertInstallScriptsRan', () => {
  it('fails when npm held a dependency install script back (its banner is missing from the output)', () => {
    const root = join(scratch, 'held-back');
    mkdirSync(join(root, 'node_modules', '@scope', 'native'), { recursive: true });
    writeJson(join(root, 'node_modules', '@scope', 'native', 'package.json'), {
      name: '@scope/native',
      version: '2.0.0',
      scripts: { install: 'node-gyp rebuild' },
    });
    expect(packagesWithInstallScripts(root)).toEqual([
      { name: '@scope/native', version: '2.0.0', events: ['install'] },
    ]);
    expect(() => assertInstallScriptsRan(root, 'added 1 package in 1s')).toThrow(
      'the install script of @scope/native@2.0.0 did not run: install scripts were held back',
    );
    expect(assertInstallScriptsRan(root, '\n> @scope/native@2.0.0 install\n> node-gyp rebuild\n')).toHaveLength(1);
  });
});
