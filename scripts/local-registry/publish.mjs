// Publishing this repository's packages to the loopback registry with the release command the repository
// documents (`npm run release`: changesets' publish), with an npm configuration that cannot reach any other
// registry, whatever the machine's own npm config (user, global, project or environment) says.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCOPE } from './start.mjs';

/**
 * The environment every npm call of the publish step runs with: the machine's npm settings dropped (no
 * `npm_*` variable passes), a user and a global config of our own in `dir`, and the registry, the scope's
 * registry and the token all pointing at `registry.url`.
 */
export function publishEnvironment(registry, dir) {
  const host = registry.url.replace(/^https?:/, '');
  const userconfig = join(dir, 'publish.npmrc');
  const globalconfig = join(dir, 'publish-global.npmrc');
  writeFileSync(
    userconfig,
    `registry=${registry.url}\n${SCOPE}:registry=${registry.url}\n${host}:_authToken=${registry.token}\n`,
  );
  writeFileSync(globalconfig, '');
  const inherited = Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name));
  return {
    ...Object.fromEntries(inherited),
    npm_config_userconfig: userconfig,
    npm_config_globalconfig: globalconfig,
    npm_config_registry: registry.url,
    [`npm_config_${SCOPE}:registry`]: registry.url,
    npm_config_update_notifier: 'false',
  };
}

/** Fails unless npm, as the publish step will run it, resolves both registries to the loopback one. */
function assertOnlyLoopback(repoRoot, env, registry, packageDirs) {
  for (const key of ['registry', `${SCOPE}:registry`]) {
    const value = execFileSync('npm', ['config', 'get', key], { cwd: repoRoot, env, encoding: 'utf8' }).trim();
    if (value !== registry.url) throw new Error(`the publish step's npm resolves ${key} to ${value}`);
  }
  for (const dir of packageDirs) {
    const { name, publishConfig } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (publishConfig?.registry !== undefined || publishConfig?.[`${SCOPE}:registry`] !== undefined) {
      throw new Error(`${name} names a registry of its own in publishConfig`);
    }
  }
}

/**
 * Runs `npm run release -- --no-git-tag` from the repository root against the loopback registry, then checks
 * that the registry serves each packed package at its version with the very tarball `npm pack` made
 * (`packed`: npm pack's JSON). Tags nothing in git.
 */
export function publishToLocalRegistry({ repoRoot, registry, dir, packed }) {
  const env = publishEnvironment(registry, dir);
  assertOnlyLoopback(
    repoRoot,
    env,
    registry,
    packed.map(({ name }) => join(repoRoot, 'packages', name.split('/')[1])),
  );
  execFileSync('npm', ['run', 'release', '--', '--no-git-tag'], { cwd: repoRoot, env, stdio: 'inherit' });
  for (const { name, version, shasum } of packed) {
    const served = JSON.parse(
      execFileSync('npm', ['view', `${name}@${version}`, 'dist', '--json'], { cwd: dir, env, encoding: 'utf8' }),
    );
    if (served?.shasum !== shasum) {
      throw new Error(`${name}@${version} on the registry is not the packed tarball (${served?.shasum} ≠ ${shasum})`);
    }
    if (!String(served.tarball).startsWith(registry.url)) throw new Error(`${name} is served from ${served.tarball}`);
    console.log(`  ${name}@${version}: published, served from ${registry.url} with the packed shasum`);
  }
}
