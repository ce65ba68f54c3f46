// npm run test:packages — the published packages as another team gets them from a registry. Packs
// @koodrive-device/client, /mocks and /contracts (from their built dist/), installs only those tarballs into a
// scratch project in the system temp folder (outside this repository, so nothing resolves into the monorepo),
// with its own older msw 2.x, its own Pact and TypeScript, and there:
//   1. imports and requires every entry point (Node >= 20.19 requires ESM through the exports map);
//   2. typechecks consumer files with TypeScript strict, module nodenext, skipLibCheck false;
//   3. runs the compiled consumer: its own msw setupServer with the mocks' handlers intercepts a client call;
//      the mock server bin from the tarball lists the demo devices; a pact written for a new consumer name with
//      the contracts helpers is checked against the spec shipped in contracts and verified against the mock
//      server with the exported helper.
// The scratch project's npm install uses the npm registry (and the local npm cache first). Exit 0 on success.
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

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = ['@koodrive-device/client', '@koodrive-device/mocks', '@koodrive-device/contracts'];
/** The lowest msw the mocks' peer range (^2.7.0) promises: the scratch project installs it on purpose. */
const CONSUMER_MSW = '2.7.6';
const keep = process.argv.includes('--keep');

const started = Date.now();
const step = (text) => console.log(`\n── ${text} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: 'inherit', env: scratchEnv });
const npm = (args, cwd) => run('npm', args, cwd);

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
  const tarball = (name) => `file:./tarballs/${packed.find((p) => p.name === name).filename}`;

  step(`installing the tarballs into ${scratch} (msw ${CONSUMER_MSW}, its own Pact and TypeScript)`);
  const project = join(scratch, 'consumer');
  cpSync(join(repoRoot, 'scripts/test-packages'), project, { recursive: true });
  cpSync(tarballs, join(project, 'tarballs'), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
  for (const name of PACKAGES) manifest.dependencies[name] = tarball(name);
  manifest.dependencies.msw = CONSUMER_MSW;
  writeFileSync(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // No install scripts (npm 11 may hold them back anyway): nothing here may rely on one.
  npm(['install', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], project);
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
  if (keep) console.log(`(kept ${scratch})`);
  else rmSync(scratch, { recursive: true, force: true });
}
