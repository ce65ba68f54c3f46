// npm run bench: the standalone mock server's requests per second at 64 concurrent keep-alive connections,
// as a ratio against a bare node:http server returning the same body, both measured in this run by autocannon
// with the same requests. Each server runs in its own child process, autocannon in this one, and the two are
// measured in alternating rounds so that a machine busy with something else slows both alike.
// Exits 1 when the ratio is below the budget, or when any request failed or got another status than 200.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { demoAccount, formatXDate, KOODRIVE_DEVICES_PATH, successBody } from '@koodrive-device/mocks';
import { startKooDriveMockServer } from '@koodrive-device/mocks/node';
import autocannon from 'autocannon';

const RATIO_BUDGET = 0.5;
const CONNECTIONS = 64;
const ROUNDS = 3;
const ROUND_SECONDS = 4;
const WARMUP_SECONDS = 1;

type Kind = 'bare' | 'mock';

/** Child mode: serve one kind on a free loopback port, print the port, stop on SIGTERM. */
async function serve(kind: Kind): Promise<void> {
  let port: number;
  let close: () => Promise<void>;
  if (kind === 'mock') {
    const mock = await startKooDriveMockServer({ port: 0, host: '127.0.0.1' });
    port = mock.port;
    close = () => mock.close();
  } else {
    const body = successBody(demoAccount);
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(body);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  }
  process.once('SIGTERM', () => {
    close().then(() => process.exit(0));
  });
  process.stdout.write(`${port}\n`);
}

async function startChild(kind: Kind): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve', kind], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', (code) => reject(new Error(`the ${kind} server exited early (${code})`)));
  });
  return { child, url: `http://127.0.0.1:${port}${KOODRIVE_DEVICES_PATH}` };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

interface Round {
  requestsPerSecond: number;
  errors: number;
  non2xx: number;
}

async function measure(url: string, seconds: number): Promise<Round> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: {
      Authorization: `Bearer ${demoAccount.accessToken}`,
      'X-User-Id': demoAccount.userId,
      // Signed once: every round is far shorter than the mock's 15-minute window.
      'X-Date': formatXDate(new Date()),
    },
  });
  return {
    requestsPerSecond: result.requests.total / (result.duration || seconds),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

async function main(): Promise<number> {
  const servers = { bare: await startChild('bare'), mock: await startChild('mock') };
  try {
    const rounds: Record<Kind, Round[]> = { bare: [], mock: [] };
    for (const kind of ['bare', 'mock'] as const) await measure(servers[kind].url, WARMUP_SECONDS);
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which goes first, so neither always gets the warmer (or the busier) slot.
      const order: Kind[] = round % 2 === 0 ? ['bare', 'mock'] : ['mock', 'bare'];
      for (const kind of order) rounds[kind].push(await measure(servers[kind].url, ROUND_SECONDS));
    }
    const bare = median(rounds.bare.map((r) => r.requestsPerSecond));
    const mock = median(rounds.mock.map((r) => r.requestsPerSecond));
    const ratio = mock / bare;
    const failed = [...rounds.bare, ...rounds.mock].reduce((sum, r) => sum + r.errors + r.non2xx, 0);
    const each = (kind: Kind) => rounds[kind].map((r) => Math.round(r.requestsPerSecond)).join(', ');
    console.log(
      `koodrive-mock-server throughput on Node ${process.version}, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${ROUND_SECONDS} s`,
    );
    console.log(`  bare node:http, same body: ${Math.round(bare)} requests/s (median of ${each('bare')})`);
    console.log(`  koodrive-mock-server:      ${Math.round(mock)} requests/s (median of ${each('mock')})`);
    console.log(
      `  ratio: ${ratio.toFixed(2)}x bare (budget >= ${RATIO_BUDGET}x); errors and non-200 answers: ${failed}`,
    );
    if (failed > 0) {
      console.error('✖ some requests failed or were not answered 200');
      return 1;
    }
    if (ratio < RATIO_BUDGET) {
      console.error(`✖ the mock server is below ${RATIO_BUDGET}x a bare node:http server`);
      return 1;
    }
    return 0;
  } finally {
    await Promise.all([stopChild(servers.bare.child), stopChild(servers.mock.child)]);
  }
}

const serveIndex = process.argv.indexOf('--serve');
if (serveIndex !== -1) {
  await serve(process.argv[serveIndex + 1] === 'mock' ? 'mock' : 'bare');
} else {
  process.exitCode = await main();
}
