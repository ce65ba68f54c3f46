import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseServerArgs, runCli, UsageError } from './cli.js';
import { KOODRIVE_DEVICES_PATH } from './handlers.js';
import type { KooDriveMockServer } from './standalone-server.js';
import { formatXDate } from './x-date.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const binBundle = join(packageDir, '.cache', 'cli-test', 'koodrive-mock-server.mjs');

describe('parseServerArgs', () => {
  it('defaults to port 4010 on 127.0.0.1, scenario normal', () => {
    expect(parseServerArgs([])).toEqual({
      port: 4010,
      host: '127.0.0.1',
      scenario: 'normal',
      controlOrigins: [],
      help: false,
    });
  });

  it('reads --port, --host, --scenario and --delay-ms', () => {
    expect(parseServerArgs(['--port', '0', '--host', '::1', '--scenario', 'slow', '--delay-ms', '250'])).toEqual({
      port: 0,
      host: '::1',
      scenario: { name: 'slow', delayMs: 250 },
      controlOrigins: [],
      help: false,
    });
    expect(parseServerArgs(['--port=8080']).port).toBe(8080);
  });

  it('reads --max-body-bytes, the request body bound, an integer', () => {
    expect(parseServerArgs(['--max-body-bytes', '4096']).maxBodyBytes).toBe(4096);
    expect(parseServerArgs([]).maxBodyBytes).toBeUndefined();
    expect(() => parseServerArgs(['--max-body-bytes', '1.5'])).toThrow(/--max-body-bytes must be an integer/);
  });

  it('reads --control-origin, repeatable', () => {
    const args = ['--control-origin', 'http://localhost:5173', '--control-origin=https://app.example:8443'];
    expect(parseServerArgs(args).controlOrigins).toEqual(['http://localhost:5173', 'https://app.example:8443']);
  });

  it.each([
    [['--port', 'abc']],
    [['--port', '-1']],
    [['--port', '65536']],
    [['--port', '1.5']],
    [['--port']],
    [['--host', '']],
    [['--scenario', 'chaos']],
    [['--delay-ms', 'soon']],
    [['--control-origin', 'localhost:5173']],
    [['--control-origin', 'http://localhost:5173/']],
    [['--verbose']],
    [['positional']],
  ])('refuses %j with a UsageError', (argv) => {
    expect(() => parseServerArgs(argv)).toThrow(UsageError);
  });
});

describe('runCli', () => {
  let started: KooDriveMockServer | undefined;
  afterEach(async () => {
    await started?.close();
    started = undefined;
  });

  it('prints a clear message and the usage, and returns 2, for a bad flag', async () => {
    const errors: string[] = [];
    const outcome = await runCli(['--port', 'nope'], { stdout: () => {}, stderr: (line) => errors.push(line) });
    expect(outcome).toBe(2);
    expect(errors[0]).toBe('koodrive-mock-server: --port must be an integer from 0 to 65535, got "nope"');
    expect(errors[1]).toContain('Usage: koodrive-mock-server');
  });

  it('prints one line with the URL once listening', async () => {
    const lines: string[] = [];
    const outcome = await runCli(['--port', '0'], { stdout: (line) => lines.push(line), stderr: () => {} });
    expect(typeof outcome).toBe('object');
    started = outcome as KooDriveMockServer;
    expect(lines).toEqual([`KooDrive mock server listening on http://127.0.0.1:${started.port} (scenario normal)`]);
  });
});

describe('the bin launcher (bin/koodrive-mock-server.js, linked by npm before any build)', () => {
  it('says how to build when dist/ is missing, and exits 1 without asking anything of the network', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'koodrive-launcher-'));
    try {
      mkdirSync(join(scratch, 'bin'));
      copyFileSync(join(packageDir, 'bin', 'koodrive-mock-server.js'), join(scratch, 'bin', 'launcher.mjs'));
      const launcher = spawn(process.execPath, [join(scratch, 'bin', 'launcher.mjs'), '--port', '0'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      launcher.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const [code] = (await once(launcher, 'exit')) as [number | null];
      expect(code).toBe(1);
      expect(stderr).toContain('not built yet; run `npm run build`');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe('the koodrive-mock-server bin', () => {
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    mkdirSync(dirname(binBundle), { recursive: true });
    // The bin exactly as src/bin has it, bundled so the test needs no prior `npm run build`.
    await build({
      entryPoints: [join(packageDir, 'src/bin/koodrive-mock-server.ts')],
      outfile: binBundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
  });
  afterEach(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    child = undefined;
  });

  function run(args: string[]): { child: ChildProcess; firstLine: Promise<string>; exit: Promise<number | null> } {
    const spawned = spawn(process.execPath, [binBundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = spawned;
    let stdout = '';
    const firstLine = new Promise<string>((resolve, reject) => {
      spawned.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const end = stdout.indexOf('\n');
        if (end >= 0) resolve(stdout.slice(0, end));
      });
      spawned.once('exit', () => reject(new Error(`exited before printing: ${stdout}`)));
    });
    firstLine.catch(() => {});
    const exit = new Promise<number | null>((resolve) => spawned.once('exit', (code) => resolve(code)));
    return { child: spawned, firstLine, exit };
  }

  it.each(['SIGINT', 'SIGTERM'] as const)('serves real HTTP and stops cleanly on %s', async (signal) => {
    const { child: server, firstLine, exit } = run(['--port', '0']);
    const line = await firstLine;
    const url = /http:\/\/127\.0\.0\.1:(\d+)/.exec(line)?.[0];
    expect(url).toBeDefined();
    const response = await fetch(`${url}${KOODRIVE_DEVICES_PATH}`, {
      headers: { Authorization: 'Bearer demo-token', 'X-User-Id': 'demo-user', 'X-Date': formatXDate(new Date()) },
    });
    expect(response.status).toBe(200);
    expect((await response.json()).data).toHaveLength(2);
    server.kill(signal);
    expect(await exit).toBe(0);
  });

  it('exits 2 with a clear message for a bad flag', async () => {
    const spawned = spawn(process.execPath, [binBundle, '--port', 'x'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = spawned;
    let stderr = '';
    spawned.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => spawned.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be an integer from 0 to 65535');
  });
});
