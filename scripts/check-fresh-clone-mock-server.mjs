#!/usr/bin/env node
// The README's `npx koodrive-mock-server --port 4010`, tried on a fresh clone exactly as a new developer would:
// `git clone` of this repository's HEAD into a scratch folder, `npm ci && npm run build` there, then the command
// (on a free port, `--port 0`), with npm's registry pointed at a closed loopback port so that an npx that
// fell through to the registry fails here instead of downloading whatever carries that name. Passes when the
// command prints its URL, answers the demo account with 200, and stops cleanly when its process group gets
// SIGTERM (as a terminal's Ctrl-C or a CI runner signals the whole group). CI runs it (.ci/run).
//
//   node scripts/check-fresh-clone-mock-server.mjs [--keep]   --keep leaves the scratch clone for a look
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');

function fail(message) {
  console.error(`✖ fresh-clone mock server: ${message}`);
  process.exit(1);
}

function run(command, args, cwd, env = process.env) {
  console.log(`$ ${[command, ...args].join(' ')}   (in ${cwd})`);
  const result = spawnSync(command, args, { cwd, env, stdio: 'inherit' });
  if (result.status !== 0) fail(`${command} ${args.join(' ')} exited ${result.status ?? result.signal}`);
}

/** A loopback port nothing listens on (taken, then released): the registry npm must never reach. */
async function closedPort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function xDate(date) {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).stdout.trim();
if (!/^[0-9a-f]{40}$/.test(head)) fail('cannot read HEAD of this repository');
const scratch = mkdtempSync(join(tmpdir(), 'koodrive-fresh-clone-'));
const clone = join(scratch, 'repo');
let server;
try {
  run('git', ['clone', '--quiet', '--no-hardlinks', repoRoot, clone], scratch);
  run('git', ['checkout', '--quiet', '--detach', head], clone);
  run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], clone);
  run('npm', ['run', 'build'], clone);

  const deadRegistry = `http://127.0.0.1:${await closedPort()}/`;
  // yes=false: npx may not install anything; fetch-retries=0: a registry look-up fails at once, not after minutes.
  const env = {
    ...process.env,
    npm_config_registry: deadRegistry,
    npm_config_yes: 'false',
    npm_config_fetch_retries: '0',
    CI: 'true',
  };
  console.log(`$ npx koodrive-mock-server --port 0   (in ${clone}, registry ${deadRegistry})`);
  // Its own process group: npx (npm) runs the bin as a child, and a signal to npm alone would orphan it.
  server = spawn('npx', ['koodrive-mock-server', '--port', '0'], {
    cwd: clone,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const read = (chunk) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1]);
    };
    server.stdout.on('data', read);
    server.stderr.on('data', read);
    server.once('exit', (code) => reject(new Error(`npx exited ${code} before listening:\n${output}`)));
  }).catch((error) => fail(error.message));

  const response = await fetch(`${url}/koodrive/ose/v1/backup/device`, {
    headers: { Authorization: 'Bearer demo-token', 'X-User-Id': 'demo-user', 'X-Date': xDate(new Date()) },
  });
  const body = await response.json();
  if (response.status !== 200 || body.code !== 0 || body.data?.length !== 2) {
    fail(`the demo account got ${response.status} ${JSON.stringify(body)}`);
  }
  const exited = once(server, 'exit');
  process.kill(-server.pid, 'SIGTERM');
  await exited;
  // The bin closes the server and says so (npm itself then ends by the same signal).
  if (!output.includes('KooDrive mock server stopped (SIGTERM)')) {
    fail(`npx koodrive-mock-server did not stop cleanly on SIGTERM:\n${output}`);
  }
  console.log(`✔ fresh clone at ${head.slice(0, 12)}: npx koodrive-mock-server served ${url} and stopped cleanly`);
} finally {
  if (server?.pid !== undefined) {
    try {
      process.kill(-server.pid, 'SIGKILL'); // whatever of the group is left (nothing, when it passed)
    } catch {
      // the group is gone
    }
  }
  if (keep) console.log(`scratch clone kept at ${clone}`);
  else rmSync(scratch, { recursive: true, force: true });
}
