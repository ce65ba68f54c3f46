import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { type Bump, SpecDiffError } from './types.js';

const execFileAsync = promisify(execFile);

/** `redocly diff` configuration of the gate (extends `diff-recommended`). */
export const diffConfigPath: string = fileURLToPath(new URL('../../redocly-diff.yaml', import.meta.url));

/** Where `redocly diff` puts a node: `line` is the first line of its value, not of its key. */
export type RedoclyLocation = { file: string; pointer: string; line: number; col: number };
export type RedoclyChange = {
  path: string;
  typeName: string;
  kind: 'added' | 'removed' | 'modified';
  impact: Bump;
  property?: string;
  verdicts: { ruleId: string; impact: Bump; message: string; location: RedoclyLocation }[];
  base?: RedoclyLocation & { value: unknown };
  revision?: RedoclyLocation & { value: unknown };
};
export type RedoclyReport = { changes: RedoclyChange[] };

function redoclyBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
}

function assertOpenApiFile(path: string): void {
  if (!existsSync(path)) throw new SpecDiffError(`The spec ${path} does not exist.`);
  let document: unknown;
  try {
    document = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SpecDiffError(`The spec ${path} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof document !== 'object' || document === null || !('openapi' in document)) {
    throw new SpecDiffError(`The spec ${path} is not an OpenAPI document (no \`openapi\` key).`);
  }
}

/** Runs `redocly diff --format json` with the gate's rules; bad input is a {@link SpecDiffError}. */
export async function runRedoclyDiff(basePath: string, revisionPath: string, cwd: string): Promise<RedoclyReport> {
  assertOpenApiFile(basePath);
  assertOpenApiFile(revisionPath);
  const args = [redoclyBin(), 'diff', basePath, revisionPath, '--config', diffConfigPath];
  args.push('--format', 'json', '--fail-on', 'none', '--lint-config', 'off');
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync(process.execPath, args, {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    }));
  } catch (error) {
    const { stderr = '', stdout: out = '' } = error as { stderr?: string; stdout?: string };
    const lines = `${out}\n${stderr}`.split('\n').map((line) => line.trim());
    // The first `Error: ...` line says what is wrong; the stack and any banner do not.
    const reason =
      lines.find((line) => /^\w*Error: /.test(line)) ??
      lines.filter((line) => line !== '' && !/^at |[║╔╚]/.test(line)).at(-1) ??
      'no output';
    throw new SpecDiffError(`redocly diff could not compare ${basePath} with ${revisionPath}: ${reason}`);
  }
  try {
    return JSON.parse(stdout.slice(stdout.indexOf('{'))) as RedoclyReport;
  } catch {
    throw new SpecDiffError(`redocly diff printed no JSON report for ${basePath} vs ${revisionPath}.`);
  }
}
