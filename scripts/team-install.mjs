// `npm install` the way a team's machine runs it: install scripts on. npm >= 11.16 on this machine holds back
// dependencies' install scripts unless a policy allows them (`allowScripts`); older npm, which teams run, runs
// them all. So the install allows every script, prints them as they run (`--foreground-scripts`), and then
// checks that each installed package with an install-time script really ran it.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const INSTALL_EVENTS = ['preinstall', 'install', 'postinstall'];

/** Every package under `node_modules` (nested ones too) whose manifest has an install-time script. */
export function packagesWithInstallScripts(projectDir) {
  const found = [];
  const visit = (modulesDir) => {
    let names;
    try {
      names = readdirSync(modulesDir);
    } catch {
      return;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      if (name.startsWith('@')) {
        for (const scoped of readdirSync(join(modulesDir, name))) visitPackage(join(modulesDir, name, scoped));
      } else visitPackage(join(modulesDir, name));
    }
  };
  const visitPackage = (dir) => {
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {
      return;
    }
    const events = INSTALL_EVENTS.filter((event) => String(manifest.scripts?.[event] ?? '').trim() !== '');
    if (events.length > 0) found.push({ name: manifest.name, version: manifest.version, events });
    visit(join(dir, 'node_modules'));
  };
  visit(join(projectDir, 'node_modules'));
  return found;
}

/**
 * Runs `npm install <args>` in `projectDir` with install scripts on, echoing npm's output, and throws when npm
 * fails or when an installed package's install script did not run. Returns the packages whose scripts ran.
 */
export function installAsATeam(projectDir, args, env) {
  const result = spawnSync(
    'npm',
    ['install', ...args, '--foreground-scripts', '--no-audit', '--no-fund', '--loglevel=warn'],
    {
      cwd: projectDir,
      env: { ...env, npm_config_dangerously_allow_all_scripts: 'true', npm_config_ignore_scripts: 'false' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  if (result.status !== 0) throw new Error(`npm install ${args.join(' ')} failed (exit ${result.status})`);
  return assertInstallScriptsRan(projectDir, `${result.stdout}\n${result.stderr}`);
}

/**
 * Throws unless npm's `--foreground-scripts` output names each install-time script of the installed packages
 * (`> name@version postinstall`); returns those packages.
 */
export function assertInstallScriptsRan(projectDir, output) {
  const withScripts = packagesWithInstallScripts(projectDir);
  for (const { name, version, events } of withScripts) {
    for (const event of events) {
      if (!output.includes(`> ${name}@${version} ${event}`)) {
        throw new Error(`the ${event} script of ${name}@${version} did not run: install scripts were held back`);
      }
    }
  }
  return withScripts;
}
