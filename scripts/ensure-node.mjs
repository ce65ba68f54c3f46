#!/usr/bin/env node
// Makes the second Node.js that CI tests on (the exact release pinned in scripts/node-runtime.json) available
// under .cache/node/, from the npm registry only, and proves it is the pinned one.
//
// The npm registry's node-<platform>-<arch> packages ship the official `node` binary in their tarball. The tarball
// is fetched with `npm pack` (so the machine's npm registry, mirror, proxy and cache settings apply) and accepted
// only when its sha512 equals the `integrity` pinned in scripts/node-runtime.json (the registry's dist.integrity,
// the same Subresource Integrity string npm checks package-lock.json entries against). Only bin/node is kept, with
// a stamp of the pinned integrity and the binary's own sha512; a later run reuses it after re-hashing the binary.
//
// `node scripts/ensure-node.mjs` prints the folder holding that `node` (put it first on PATH); progress goes to
// stderr. Exit 1 with one sentence when no pin fits this machine or the tarball is not the pinned one.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PIN_FILE = join(repoRoot, 'scripts', 'node-runtime.json');
const STAMP = '.verified';

export class NodeRuntimeError extends Error {
  name = 'NodeRuntimeError';
}

/** The pinned release: { version, packages: { '<platform>-<arch>': { name, integrity } } }. */
export function readPin(file = PIN_FILE) {
  const { version, packages } = JSON.parse(readFileSync(file, 'utf8'));
  if (!/^\d+\.\d+\.\d+$/.test(version ?? '')) throw new NodeRuntimeError(`${file} pins no exact Node version.`);
  return { version, packages: packages ?? {} };
}

/** The registry package and pinned integrity for this platform, or a NodeRuntimeError naming what to add. */
export function packageFor(pin, platform = process.platform, arch = process.arch) {
  const key = `${platform}-${arch}`;
  const entry = pin.packages[key];
  if (entry === undefined) {
    throw new NodeRuntimeError(
      `No Node ${pin.version} package is pinned for ${key} in scripts/node-runtime.json (pinned: ${Object.keys(pin.packages).join(', ') || 'none'}); ` +
        `add "${key}": { "name": "node-${key}", "integrity": <npm view node-${key}@${pin.version} dist.integrity> } to test on it here.`,
    );
  }
  return { name: entry.name, version: pin.version, integrity: entry.integrity, spec: `${entry.name}@${pin.version}` };
}

/**
 * The sha512 digest (base64) an SRI string expects. npm's integrity strings are space-separated
 * `<algorithm>-<base64>[?options]` entries; the pin must carry a sha512 one (what the registry publishes).
 */
export function expectedSha512(integrity) {
  const entries = String(integrity ?? '')
    .trim()
    .split(/\s+/)
    .map((entry) => /^(sha\d+)-([A-Za-z0-9+/]+={0,2})(?:\?.*)?$/.exec(entry))
    .filter((match) => match !== null);
  const sha512 = entries.find(([, algorithm]) => algorithm === 'sha512');
  if (sha512 === undefined) {
    throw new NodeRuntimeError(
      `The pinned integrity "${integrity}" has no sha512 entry; pin the registry's dist.integrity (sha512-…).`,
    );
  }
  return sha512[2];
}

/** The file's sha512 as an SRI string (`sha512-<base64>`), read as a stream. */
export function sha512Of(file) {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha512');
    createReadStream(file)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolvePromise(`sha512-${hash.digest('base64')}`));
  });
}

/** Resolves when the file's sha512 is the pinned one; otherwise rejects with a NodeRuntimeError saying both. */
export async function checkIntegrity(file, integrity, what = file) {
  const expected = `sha512-${expectedSha512(integrity)}`;
  const actual = await sha512Of(file);
  if (actual !== expected) {
    throw new NodeRuntimeError(
      `Refusing ${what}: its integrity is ${actual}, not the ${expected} pinned in scripts/node-runtime.json ` +
        '(a corrupted download, or a registry or mirror serving a different file).',
    );
  }
  return actual;
}

/** Fetches `<name>@<version>`'s tarball into dest with `npm pack` (registry, mirror and cache as npm is set up). */
function npmPack({ spec, dest }) {
  const out = execFileSync('npm', ['pack', spec, '--json', '--pack-destination', dest], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [packed] = JSON.parse(out);
  return join(dest, packed.filename);
}

/** Extracts package/bin/node from the tarball into dir/bin/node (the system tar, as on every Linux and macOS). */
function extractNode(tarball, dir) {
  execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1', 'package/bin/node'], { stdio: 'inherit' });
}

function versionOf(node) {
  try {
    return execFileSync(node, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    return `unrunnable (${error.message.split('\n')[0]})`;
  }
}

/**
 * Returns { version, binDir, node } of the pinned Node, from the cache when its stamp and binary check out,
 * else fetched, integrity-checked and extracted. Throws NodeRuntimeError with one sentence.
 * pack and extract are replaceable for tests.
 */
export async function ensureNode({
  pin = readPin(),
  cacheDir = join(repoRoot, '.cache'),
  platform = process.platform,
  arch = process.arch,
  pack = npmPack,
  extract = extractNode,
  log = (line) => console.error(line),
} = {}) {
  const pkg = packageFor(pin, platform, arch);
  const root = join(cacheDir, 'node');
  const dir = join(root, `${pkg.name}-${pkg.version}`);
  const node = join(dir, 'bin', 'node');
  const stampFile = join(dir, STAMP);
  const result = { version: `v${pkg.version}`, binDir: join(dir, 'bin'), node };
  /** Whether dir holds the binary unpacked from a tarball with the pinned integrity, unchanged since. */
  const cached = async () => {
    if (!existsSync(stampFile) || !existsSync(node)) return false;
    const [integrity, binary] = readFileSync(stampFile, 'utf8').trim().split('\n');
    return integrity === pkg.integrity && binary === (await sha512Of(node));
  };

  if (await cached()) {
    log(`Node ${result.version} (${pkg.spec}, integrity verified when cached) from ${relative(repoRoot, dir)}/.`);
    return result;
  }
  if (existsSync(dir)) {
    log(`The cached ${relative(repoRoot, dir)}/ is not the pinned ${pkg.spec} any more; fetching it again.`);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const scratch = mkdtempSync(join(root, '.fetch-'));
  try {
    log(`Fetching ${pkg.spec} from the npm registry (npm pack; about 50 MB the first time)…`);
    const tarball = await pack({ spec: pkg.spec, dest: scratch });
    await checkIntegrity(tarball, pkg.integrity, `${pkg.spec}'s tarball`);
    const unpacked = join(scratch, 'unpacked');
    mkdirSync(unpacked);
    await extract(tarball, unpacked);
    const got = versionOf(join(unpacked, 'bin', 'node'));
    if (got !== result.version) {
      throw new NodeRuntimeError(`${pkg.spec}'s bin/node reports ${got}, not ${result.version}; refusing it.`);
    }
    writeFileSync(join(unpacked, STAMP), `${pkg.integrity}\n${await sha512Of(join(unpacked, 'bin', 'node'))}\n`);
    try {
      renameSync(unpacked, dir);
    } catch (error) {
      // Another run (a parallel npm script) put the same release there first: use that one once it checks out.
      if (!(await cached())) throw error;
    }
    log(`  integrity ${pkg.integrity.slice(0, 23)}… verified; Node ${got} is ready in ${relative(repoRoot, dir)}/.`);
    return result;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log((await ensureNode()).binDir);
  } catch (error) {
    if (!(error instanceof NodeRuntimeError)) throw error;
    console.error(`ensure-node: ${error.message}`);
    process.exit(1);
  }
}
