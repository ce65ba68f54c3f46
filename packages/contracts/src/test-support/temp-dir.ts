import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A temporary folder removed after the file's tests, and a writer of (JSON) files into it. */
export function useTempDir(prefix: string): { dir: string; write(name: string, value: unknown): string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write(name, value) {
      const file = join(dir, name);
      writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
      return file;
    },
  };
}

/** A minimal pact document whose interactions use `states`. */
export function pactWithStates(consumer: string, provider: string, states: string[]) {
  return {
    consumer: { name: consumer },
    provider: { name: provider },
    interactions: states.map((name) => ({ description: name, providerStates: [{ name }] })),
  };
}
