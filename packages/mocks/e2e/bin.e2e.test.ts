import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatXDate, KOODRIVE_DEVICES_PATH } from '@koodrive-device/mocks';
import { describe, expect, it } from 'vitest';

// The file package.json's `bin` names (a committed launcher that runs dist/bin/koodrive-mock-server.js).
const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'koodrive-mock-server.js');

describe('the built koodrive-mock-server bin', () => {
  it('starts with a node shebang', () => {
    expect(readFileSync(bin, 'utf8').split('\n', 1)[0]).toBe('#!/usr/bin/env node');
  });

  it('serves the demo account on a free port and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [bin, '--port', '0', '--host', '127.0.0.1'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.split('\n', 1)[0] ?? '');
      });
      child.once('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0];
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const response = await fetch(`${url}${KOODRIVE_DEVICES_PATH}`, {
        headers: { Authorization: 'Bearer demo-token', 'X-User-Id': 'demo-user', 'X-Date': formatXDate(new Date()) },
      });
      expect(response.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exit).toBe(0);
  });
});
