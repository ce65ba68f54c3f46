// npm run test:packages — the published packages as another team gets them. Packs @koodrive-device/client, /mocks
// and /contracts (from their built dist/), then, in scratch projects in the system temp folder (outside this
// repository, so nothing resolves into the monorepo), installs them as teams do, install scripts on:
//   A. a plain `npm install` of the three tarballs; every entry point imports;
//   B. a real npm registry (Verdaccio) started on loopback, its storage and config in the temp folder; the
//      repository's release command (`npm run release`: changesets' publish) publishes the three packages to it,
//      with an npm config that reaches no other registry; then a project with its own older msw 2.x, Pact and
//      TypeScript runs a plain `npm install @koodrive-device/client @koodrive-device/mocks
//      @koodrive-device/contracts` from that registry, and there:
//      1. imports and requires every entry point (Node >= 20.19 requires ESM through the exports map);
//      2. typechecks consumer files with TypeScript strict, module nodenext, skipLibCheck false;
//      3. runs the compiled consumer: its own msw setupServer with the mocks' handlers intercepts a client call;
//         the mock server bin lists the demo devices; a pact written for a new consumer name with the contracts
//         helpers is checked against the spec shipped in contracts and verified against the mock server.
// The registry is stopped by PID. Packages outside the scope come from the machine's npm registry (and its
// cache). Exit 0 on success.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishToLocalRegistry } from './local-registry/publish.mjs';
import { SCOPE, startLocalRegistry } from './local-registry/start.mjs';
import { installAsATeam } from './team-install.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = ['@koodrive-device/client', '@koodrive-device/mocks', '@koodrive-device/contracts'];
/** The lowest msw the mocks' peer range (^2.7.0) promises: the scratch project installs it on purpose. */
const CONSUMER_MSW = '2.7.6';
const keep = process.argv.includes('--keep');

const started = Date.now();
const step = (text) => console.log(`\n── ${text} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: 'inherit', env: scratchEnv });
const describeScripts = (ran) => ran.map(({ name, events }) => `${name} (${events.join(', ')})`).join(', ') || 'none';

if (!process.features.require_module) {
  console.error(`test:packages needs Node >= 20.19 (require() of ESM); this is ${process.version}.`);
  process.exit(1);
}

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'koodrive-packages-')));
if (!relative(repoRoot, scratch).startsWith('..')) throw new Error(`${scratch} is inside the repository`);
// The scratch project sees no workspace setting of this repository (npm_config_* of the running npm script).
const scratchEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) || /^npm_config_(cache|registry)$/i.test(name)),
);
Object.assign(scratchEnv, { PACT_DO_NOT_TRACK: 'true', npm_config_audit: 'false', npm_config_fund: 'false' });

let registry;
try {
  step(`packing ${PACKAGES.join(', ')}`);
  const tarballs = join(scratch, 'tarballs');
  mkdirSync(tarballs);
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', tarballs, ...PACKAGES.flatMap((p) => ['-w', p])], {
      cwd: repoRoot,
      encoding: 'utf8',
    }),
  );
  for (const { name, filename, size, files } of packed) {
    console.log(`  ${filename}: ${(size / 1024).toFixed(1)} kB, ${files.length} files`);
    const bad = files.map((file) => file.path).filter((path) => /\.tsbuildinfo$|\.d\.ts\.map$/.test(path));
    if (bad.length > 0) throw new Error(`${name} ships ${bad.join(', ')}`);
    if (!files.some((file) => file.path === 'LICENSE')) throw new Error(`${name} ships no LICENSE`);
  }
  // Internal dependencies carry real ranges that `changeset version` keeps in step: ^<the version packed>.
  const versions = Object.fromEntries(packed.map((p) => [p.name, p.version]));
  for (const { name } of packed) {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'packages', name.split('/')[1], 'package.json'), 'utf8'));
    for (const [dependency, range] of Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies })) {
      if (dependency in versions && range !== `^${versions[dependency]}`) {
        throw new Error(`${name} depends on ${dependency}@${range}, not ^${versions[dependency]}`);
      }
    }
  }

  step('A. a plain npm install of the three tarballs, install scripts on');
  const fromTarballs = join(scratch, 'from-tarballs');
  cpSync(join(repoRoot, 'scripts/test-packages'), fromTarballs, { recursive: true });
  const tarballArgs = packed.map(({ filename }) => join(tarballs, filename));
  const ranA = installAsATeam(fromTarballs, [...tarballArgs, `msw@${CONSUMER_MSW}`], scratchEnv);
  console.log(`  installed; install scripts that ran: ${describeScripts(ranA)}`);
  run(process.execPath, ['entries.mjs'], fromTarballs);

  step('B. a registry on loopback (Verdaccio), its storage and config in the temp folder');
  registry = await startLocalRegistry(join(scratch, 'registry'));
  console.log(`  ${registry.url} (PID ${registry.pid})`);

  step('npm run release (changesets publish) to that registry, and no other');
  publishToLocalRegistry({ repoRoot, registry, dir: scratch, packed });

  step(`npm install ${PACKAGES.join(' ')} from the registry (msw ${CONSUMER_MSW}, its own Pact and TypeScript)`);
  const project = join(scratch, 'consumer');
  cpSync(join(repoRoot, 'scripts/test-packages'), project, { recursive: true });
  writeFileSync(join(project, '.npmrc'), `${SCOPE}:registry=${registry.url}\n`);
  const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
  manifest.dependencies.msw = CONSUMER_MSW;
  writeFileSync(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const ranB = installAsATeam(project, PACKAGES, {
    ...scratchEnv,
    npm_config_omit_lockfile_registry_resolved: 'false',
  });
  console.log(`  installed; install scripts that ran: ${describeScripts(ranB)}`);
  const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8'));
  for (const name of PACKAGES) {
    const { version, resolved } = lock.packages[`node_modules/${name}`] ?? {};
    if (!String(resolved).startsWith(registry.url)) throw new Error(`${name} was installed from ${resolved}`);
    if (version !== versions[name]) throw new Error(`${name} ${version} was installed, not ${versions[name]}`);
    const range = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).dependencies[name];
    console.log(`  ${name}@${version} from ${resolved} (saved as ${range})`);
  }
  const installed = (name) => JSON.parse(readFileSync(join(project, 'node_modules', name, 'package.json'), 'utf8'));
  const msw = installed('msw').version;
  if (msw !== CONSUMER_MSW) throw new Error(`the consumer got msw ${msw}, not ${CONSUMER_MSW}`);
  const nestedMsw = ['@koodrive-device/mocks', '@koodrive-device/contracts'].filter((name) => {
    try {
      readFileSync(join(project, 'node_modules', name, 'node_modules/msw/package.json'));
      return true;
    } catch {
      return false;
    }
  });
  if (nestedMsw.length > 0) throw new Error(`a second msw was installed under ${nestedMsw.join(', ')}`);
  console.log(`  one msw (${msw}); @pact-foundation/pact ${installed('@pact-foundation/pact').version}`);

  // Source maps carry their sources (the src/ they point at is not shipped).
  for (const name of PACKAGES) {
    const dir = join(project, 'node_modules', name, 'dist');
    const maps = readdirSync(dir, { recursive: true }).filter((file) => file.endsWith('.js.map'));
    for (const map of maps) {
      const { sources, sourcesContent } = JSON.parse(readFileSync(join(dir, map), 'utf8'));
      if (sourcesContent?.length !== sources.length || sourcesContent.some((text) => typeof text !== 'string')) {
        throw new Error(`${name}/dist/${map} has no sourcesContent`);
      }
    }
    console.log(`  ${name}: ${maps.length} source maps, each with sourcesContent`);
  }

  step('import and require of every entry point');
  run(process.execPath, ['entries.mjs'], project);
  run(process.execPath, ['entries.cjs'], project);

  step('typecheck: strict, module nodenext, skipLibCheck false (consumer.ts, consumer-require.cts)');
  run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], project);

  step('consumer: own setupServer + mocks handlers, the mock server bin, a new pact verified against the mock');
  run(process.execPath, ['out/consumer.js'], project);

  console.log(`\ntest:packages passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  // A failed command has printed its own output (stdio is inherited); say which step and stop.
  console.error(`\ntest:packages failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  process.exitCode = 1;
} finally {
  await registry?.stop();
  if (keep) console.log(`(kept ${scratch})`);
  else rmSync(scratch, { recursive: true, force: true });
}
