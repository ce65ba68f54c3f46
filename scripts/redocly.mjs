#!/usr/bin/env node
// npm run lint:spec: the Redocly CLI, without the "Node.js 20 support is ending" box it prints on every run
// under Node 20 (this repository's engine, .nvmrc). Redocly CLI 2.77 offers no switch for that box (only
// REDOCLY_SUPPRESS_UPDATE_NOTICE for the update notice, which is set too), so this drops exactly that box from
// its stderr and passes everything else, and the exit code, through unchanged.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * A line filter for Redocly's stderr: feed it lines, it returns the lines to print. A box (╔ … ╚) is held until
 * it closes, then dropped when it is the Node 20 deprecation notice and printed otherwise.
 */
export function node20BoxFilter() {
  let box;
  const isNotice = (lines) => lines.some((line) => line.includes('Node.js 20 support is ending'));
  return {
    push(line) {
      if (box === undefined && line.trimStart().startsWith('╔')) box = [];
      if (box === undefined) return [line];
      box.push(line);
      if (!line.trimStart().startsWith('╚')) return [];
      const done = box;
      box = undefined;
      return isNotice(done) ? [] : done;
    },
    /** Whatever is still held when the stream ends (a box that never closed). */
    end() {
      const held = box ?? [];
      box = undefined;
      return held;
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const cli = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
  const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], {
    stdio: ['inherit', 'inherit', 'pipe'],
    env: { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', ...process.env },
  });
  const filter = node20BoxFilter();
  const lines = createInterface({ input: child.stderr });
  lines.on('line', (line) => {
    for (const kept of filter.push(line)) process.stderr.write(`${kept}\n`);
  });
  const closed = new Promise((resolvePromise) => lines.on('close', resolvePromise));
  child.on('close', async (code, signal) => {
    await closed;
    for (const kept of filter.end()) process.stderr.write(`${kept}\n`);
    process.exitCode = code ?? (signal === null ? 1 : 128);
  });
}
