import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { recordRenameDevicePact } from '../src/test-support/new-operation-pacts.js';
import { useTempDir } from '../src/test-support/temp-dir.js';
import { variantSpecFile, variantSpecWithout } from '../src/test-support/variant-specs.js';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./check-pacts-against-spec.ts', import.meta.url));
const work = useTempDir('contracts-cli-');

describe('npm run test:pacts-vs-spec -- <path>', () => {
  it('says a given path does not exist (exit 2), instead of asking for the consumer tests', async () => {
    const missing = '/nonexistent/koodrive/pact.json';
    const outcome = await run(process.execPath, ['--import', 'tsx', script, missing]).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(`test:pacts-vs-spec: ${missing} does not exist`);
    expect(outcome.stderr).not.toContain('run the consumer tests first');
  });

  it('checks a pact for a new operation against the spec given by --spec, and fails it against a spec without it', async () => {
    const dir = join(work.dir, 'pacts');
    await recordRenameDevicePact(dir);
    const grownSpec = variantSpecFile('new-post-operation');
    const passed = await run(process.execPath, ['--import', 'tsx', script, '--spec', grownSpec, dir]);
    expect(passed.stdout).toContain(`1/1 pact file(s) agree with ${grownSpec}`);
    const withoutRename = variantSpecWithout(
      'new-post-operation',
      '/koodrive/ose/v1/backup/device/{deviceId}/name',
      work.dir,
    );
    const failed = await run(process.execPath, ['--import', 'tsx', script, '--spec', withoutRename, dir]).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('request.path-or-method.unknown');
  });

  it('says a --spec file that does not exist does not exist (exit 2)', async () => {
    const outcome = await run(process.execPath, ['--import', 'tsx', script, '--spec', '/nonexistent/spec.yaml']).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('test:pacts-vs-spec: --spec /nonexistent/spec.yaml does not exist');
  });
});
