import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./check-pacts-against-spec.ts', import.meta.url));

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
});
