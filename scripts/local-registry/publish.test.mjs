import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { publishEnvironment } from './publish.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'publish-env-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('publishEnvironment', () => {
  it("points npm at the loopback registry whatever the machine's environment and project config say", () => {
    // A project .npmrc and npm_config_* variables that name another registry, as a machine may have them.
    const project = join(scratch, 'project');
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(
      join(project, '.npmrc'),
      'registry=https://registry.other.test/\n@koodrive-device:registry=https://scope.other.test/\n',
    );
    const saved = { ...process.env };
    Object.assign(process.env, {
      npm_config_registry: 'https://env.other.test/',
      'npm_config_@koodrive-device:registry': 'https://env-scope.other.test/',
      npm_config_userconfig: join(project, '.npmrc'),
    });
    let env;
    try {
      env = publishEnvironment({ url: 'http://127.0.0.1:4873/', token: 'publisher-token' }, scratch);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
    const get = (key) => execFileSync('npm', ['config', 'get', key], { cwd: project, env, encoding: 'utf8' }).trim();
    expect(get('registry')).toBe('http://127.0.0.1:4873/');
    expect(get('@koodrive-device:registry')).toBe('http://127.0.0.1:4873/');
    expect(
      Object.keys(env)
        .filter((key) => /^npm_/i.test(key))
        .sort(),
    ).toEqual([
      'npm_config_@koodrive-device:registry',
      'npm_config_globalconfig',
      'npm_config_registry',
      'npm_config_update_notifier',
      'npm_config_userconfig',
    ]);
  });
});
