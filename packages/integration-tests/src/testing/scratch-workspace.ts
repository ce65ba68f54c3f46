// A scratch copy of the workspace in which a regeneration variant's generated client (fixtures/regenerated/<variant>,
// written by `npm run generate` from an edited copy of the spec) takes the place of the client's src/generated, with
// no other edit: the copied packages are built and their callers type-checked there, as a team's would be after
// regenerating.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const repo = resolve(fileURLToPath(new URL('../../../..', import.meta.url)));
export const fixtures = join(repo, 'packages', 'integration-tests', 'fixtures', 'regenerated');
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
/** The packages whose callers are checked, copied into the scratch workspace; the rest are linked as they are. */
const COPIED = ['packages/client', 'packages/mocks', 'packages/contracts', 'apps/device-dashboard'];
const SKIPPED = new Set(['node_modules', 'dist', '.turbo', '.cache']);

/** A scratch workspace: the copied packages with `variant`'s generated client, everything else linked. */
export function scratchWorkspace(variant: string): string {
  const root = mkdtempSync(join(tmpdir(), `koodrive-regeneration-${variant}-`));
  for (const file of ['tsconfig.base.json', 'vitest.e2e.shared.ts']) cpSync(join(repo, file), join(root, file));
  for (const folder of COPIED) {
    cpSync(join(repo, folder), join(root, folder), {
      recursive: true,
      // A package's `npm pack` tarball (its test:exports writes and deletes one, possibly while this copies) is
      // never part of a workspace.
      filter: (source) => {
        const name = source.split('/').pop() ?? '';
        return !SKIPPED.has(name) && !name.endsWith('.tgz');
      },
    });
  }
  // The fixtures themselves, which the copied packages' tests import by relative path (the mocks serve the
  // variants' spec data), linked as they are.
  symlinkSync(join(repo, 'packages', 'integration-tests'), join(root, 'packages', 'integration-tests'));
  const generated = join(root, 'packages', 'client', 'src', 'generated');
  rmSync(generated, { recursive: true });
  cpSync(join(fixtures, variant, 'generated'), generated, { recursive: true });
  // node_modules: the workspace's own, except that the copied packages resolve to their copies.
  const modules = join(root, 'node_modules');
  mkdirSync(join(modules, '@koodrive-device'), { recursive: true });
  for (const entry of readdirSync(join(repo, 'node_modules'))) {
    if (entry !== '@koodrive-device' && entry !== '.bin') {
      symlinkSync(join(repo, 'node_modules', entry), join(modules, entry));
    }
  }
  for (const entry of readdirSync(join(repo, 'node_modules', '@koodrive-device'))) {
    const copied = COPIED.find((folder) => folder === `packages/${entry}`);
    symlinkSync(copied ? join(root, copied) : join(repo, 'packages', entry), join(modules, '@koodrive-device', entry));
  }
  return root;
}

/** `tsc` in the scratch workspace: its exit code and what it printed. */
export async function typecheck(root: string, ...args: string[]): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout } = await run(process.execPath, [tsc, ...args], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    return { ok: true, output: stdout };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: stdout + stderr };
  }
}

const BUILDS = [
  ['-b', 'packages/client/tsconfig.build.json'],
  ['-p', 'packages/mocks/tsconfig.build.json'],
  ['-p', 'packages/contracts/tsconfig.build.json'],
];

/** Builds the copied packages; their type errors are returned (tsc still emits), so a caller can assert on them. */
export async function build(root: string): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  for (const args of BUILDS) {
    const result = await typecheck(root, ...args);
    if (!result.ok) errors[args[1] as string] = result.output;
  }
  return errors;
}
