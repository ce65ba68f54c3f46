import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Runs a TypeScript file of test-support/ in its own Node process (through tsx), with `args` and the path of a
 * result file it must write as JSON; resolves with that JSON. The child's output is captured, not printed: a
 * verification that is meant to fail prints Pact's red report there, not in the passing test run. When the
 * child fails without writing its result, the error carries its output.
 */
export async function runTestChild<T>(
  script: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'contracts-child-'));
  const resultFile = join(dir, 'result.json');
  const entry = fileURLToPath(new URL(script, import.meta.url));
  try {
    try {
      await run(process.execPath, ['--import', 'tsx', entry, resultFile, ...args], {
        env: { ...process.env, PACT_DO_NOT_TRACK: 'true', ...env },
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`${script} failed:\n${stderr ?? ''}\n${stdout ?? ''}`);
    }
    return JSON.parse(readFileSync(resultFile, 'utf8')) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
