#!/usr/bin/env node
// Runs a command on another Node and/or Java than the machine's defaults:
//   node scripts/with-runtime.mjs [--node=24] [--java=25] -- <command> [args…]
// --node=<major>: the Node pinned in scripts/node-runtime.json (scripts/ensure-node.mjs: npm registry, sha512
//   checked, cached in .cache/node/), its folder first on PATH, so `node`, npm scripts and turbo's tasks run on it.
// --java=<major>: the JDK scripts/java-runtime.mjs finds (JAVA_<major>_HOME or the machine's JDK folder) as
//   JAVA_HOME and first on PATH, so Maven, its tests and `java` run on it.
// Prints which runtimes it set before running; exits with the command's status, or 1 with one sentence when a
// runtime is missing (never runs the command without it).
import { spawn } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { ensureNode, NodeRuntimeError, readPin } from './ensure-node.mjs';
import { findJava, JavaRuntimeError } from './java-runtime.mjs';

const separator = process.argv.indexOf('--');
const options = separator === -1 ? process.argv.slice(2) : process.argv.slice(2, separator);
const command = separator === -1 ? [] : process.argv.slice(separator + 1);
const wanted = Object.fromEntries(
  options.map((option) => {
    const match = /^--(node|java)=(\d+)$/.exec(option);
    if (match === null) usage(`unknown option ${option}`);
    return [match[1], Number(match[2])];
  }),
);
if (command.length === 0 || (wanted.node === undefined && wanted.java === undefined)) usage('nothing to run');

function usage(problem) {
  console.error(`with-runtime: ${problem}. Usage: node scripts/with-runtime.mjs [--node=24] [--java=25] -- <command…>`);
  process.exit(2);
}

const env = { ...process.env };
const prepend = [];
try {
  if (wanted.node !== undefined) {
    const pin = readPin();
    if (Number(pin.version.split('.')[0]) !== wanted.node) {
      throw new NodeRuntimeError(`scripts/node-runtime.json pins Node ${pin.version}, not a Node ${wanted.node}.`);
    }
    const node = await ensureNode({ pin });
    prepend.push(node.binDir);
    console.error(`with-runtime: Node ${node.version} (${node.node})`);
  }
  if (wanted.java !== undefined) {
    const jdk = findJava(wanted.java);
    env.JAVA_HOME = jdk.home;
    prepend.push(join(jdk.home, 'bin'));
    console.error(`with-runtime: Java ${jdk.version} (JAVA_HOME=${jdk.home}, from ${jdk.source})`);
  }
} catch (error) {
  if (!(error instanceof NodeRuntimeError || error instanceof JavaRuntimeError)) throw error;
  console.error(`with-runtime: ${error.message}`);
  process.exit(1);
}
env.PATH = [...prepend, env.PATH].join(delimiter);

const child = spawn(command[0], command.slice(1), { env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  console.error(`with-runtime: could not run ${command[0]}: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
