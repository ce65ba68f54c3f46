// A real npm registry (Verdaccio) on loopback for tests that publish and install packages the way a team does.
// Everything it keeps (storage, users, config) lives in `dir`, a temp folder the caller owns. The scope
// @koodrive-device is served only from its own storage: nothing of that scope is ever looked up upstream, and
// no other package is served at all (no uplinks), so what a consumer installs of the scope comes from here.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const SCOPE = '@koodrive-device';
const serverScript = fileURLToPath(new URL('./server.mjs', import.meta.url));

/**
 * Starts the registry in a child process and signs up one publisher. Resolves with its URL (trailing slash), the
 * publisher's token, the child's PID and `stop()`, which ends the child by PID and waits for it to exit.
 */
export async function startLocalRegistry(dir) {
  mkdirSync(join(dir, 'storage'), { recursive: true });
  const configFile = join(dir, 'verdaccio.yaml');
  writeFileSync(
    configFile,
    [
      `storage: ${JSON.stringify(join(dir, 'storage'))}`,
      'auth:',
      '  htpasswd:',
      `    file: ${JSON.stringify(join(dir, 'htpasswd'))}`,
      'uplinks: {}',
      'packages:',
      `  '${SCOPE}/*':`,
      '    access: $all',
      '    publish: $authenticated',
      '    unpublish: $authenticated',
      'security:',
      '  api:',
      '    legacy: true',
      'log: { type: stdout, format: pretty, level: error }',
      'web: { enable: false }',
      '',
    ].join('\n'),
  );
  const child = spawn(process.execPath, [serverScript, configFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGTERM');
    await exited;
  };
  try {
    const port = await new Promise((resolvePort, reject) => {
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => {
        if (line.startsWith('{"port":')) resolvePort(JSON.parse(line).port);
        else console.log(`  [registry] ${line}`);
      });
      exited.then(([code, signal]) => reject(new Error(`the registry exited before listening (${code ?? signal})`)));
    });
    const url = `http://127.0.0.1:${port}/`;
    const user = 'koodrive-release';
    const response = await fetch(`${url}-/user/org.couchdb.user:${user}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: user, password: `pw-${process.pid}-${port}` }),
    });
    if (!response.ok) throw new Error(`signing up a publisher failed: HTTP ${response.status}`);
    const { token } = await response.json();
    if (typeof token !== 'string' || token === '') throw new Error('the registry gave the publisher no token');
    return { url, token, pid: child.pid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
