// npm run test:java-consumer — the Java client as another team gets it from a Maven repository. Deploys
// com.koodrive.device:koodrive-device-client (jar, sources jar, POM) from packages/client-java to a file-based
// Maven repository in the system temp folder, checks that the deployed POM names the client's real dependencies,
// then builds a separate Maven project outside this repository (scripts/java-consumer) that depends on the client
// from there only, and runs it against the project's mock server: it must list the demo account's devices.
// Needs Java 17+, Maven and the built mocks package (the npm script builds it). Exit 0 on success.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const clientDir = join(repoRoot, 'packages', 'client-java');
const GROUP = 'com.koodrive.device';
const ARTIFACT = 'koodrive-device-client';
/** What the deployed POM must declare, because the client's code needs each of them at run time. */
const RUNTIME_DEPENDENCIES = [
  'jackson-databind',
  'jackson-datatype-jsr310',
  'jakarta.annotation-api',
  'jakarta.validation-api',
];
/** The demo account's devices (packages/mocks fixtures, the spec's example). */
const DEMO_DEVICE_IDS = ['1775406005920779393', '1842812272691451648'];
const keep = process.argv.includes('--keep');

const started = Date.now();
const step = (text) => console.log(`\n── ${text} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
const mvn = (args, cwd) =>
  execFileSync('mvn', ['-B', '-q', '-Dstyle.color=never', ...args], { cwd, encoding: 'utf8', stdio: 'pipe' });

function fail(message) {
  console.error(`test:java-consumer: ${message}`);
  process.exitCode = 1;
}

/** Starts the built koodrive-mock-server on a random loopback port; resolves to its URL and process. */
function startMockServer() {
  const bin = join(repoRoot, 'packages', 'mocks', 'bin', 'koodrive-mock-server.js');
  const child = spawn(process.execPath, [bin, '--port', '0', '--host', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolvePromise, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
      if (url !== undefined) resolvePromise({ url: url.replace(/\/+$/, ''), child });
    });
    child.on('exit', (code) => reject(new Error(`koodrive-mock-server exited (${code}) before it listened`)));
  });
}

const version = /<artifactId>koodrive-device-client<\/artifactId>\s*<version>([^<]+)<\/version>/.exec(
  readFileSync(join(clientDir, 'pom.xml'), 'utf8'),
)?.[1];
if (version === undefined) throw new Error('No version found in packages/client-java/pom.xml');

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'koodrive-java-consumer-')));
if (!relative(repoRoot, scratch).startsWith('..')) throw new Error(`${scratch} is inside the repository`);
const repository = join(scratch, 'maven-repository');
const repositoryUrl = pathToFileURL(repository).href;
// The consumer shares the local Maven cache (~/.m2) for Central's artifacts, but never an old copy of the client:
// only this check ever puts the client there, and it is removed first, so Maven must fetch it from the file repo.
const cachedClient = join(homedir(), '.m2', 'repository', ...GROUP.split('.'), ARTIFACT);
let mock;

try {
  step(`deploying ${GROUP}:${ARTIFACT}:${version} (jar, sources, POM) to ${repositoryUrl}`);
  mvn(['deploy', '-DskipTests', `-DaltDeploymentRepository=koodrive-file-repo::${repositoryUrl}`], clientDir);
  const deployed = join(repository, ...GROUP.split('.'), ARTIFACT, version);
  for (const suffix of ['.jar', '-sources.jar', '.pom']) {
    const file = join(deployed, `${ARTIFACT}-${version}${suffix}`);
    if (!existsSync(file)) fail(`the repository lacks ${relative(repository, file)}`);
  }
  const pom = readFileSync(join(deployed, `${ARTIFACT}-${version}.pom`), 'utf8');
  for (const dependency of RUNTIME_DEPENDENCIES) {
    if (!pom.includes(`<artifactId>${dependency}</artifactId>`)) fail(`the deployed POM does not name ${dependency}`);
  }
  if (process.exitCode) throw new Error('the deployed artifacts are incomplete (above)');

  step('building a separate Maven project that depends on the client from that repository only');
  const consumer = join(scratch, 'consumer');
  cpSync(join(repoRoot, 'scripts', 'java-consumer'), consumer, { recursive: true });
  const consumerPom = join(consumer, 'pom.xml');
  writeFileSync(
    consumerPom,
    readFileSync(consumerPom, 'utf8')
      .replaceAll('@REPOSITORY_URL@', repositoryUrl)
      .replaceAll('@CLIENT_VERSION@', version),
  );
  rmSync(cachedClient, { recursive: true, force: true });
  mvn(['compile'], consumer);
  const origin = readFileSync(join(cachedClient, version, '_remote.repositories'), 'utf8');
  if (!origin.includes(`${ARTIFACT}-${version}.jar>koodrive-file-repo=`)) {
    fail(`Maven did not take the client from the file repository:\n${origin}`);
  }

  step('running it against the mock server: it lists the demo devices');
  mock = await startMockServer();
  const output = mvn(['exec:java', `-Dexec.args=${mock.url}`], consumer);
  process.stdout.write(output);
  for (const id of DEMO_DEVICE_IDS) {
    if (!output.includes(id)) fail(`the consumer's output does not list device ${id}`);
  }
  if (!process.exitCode) step('the Java client works from a Maven repository, outside this repository');
} catch (error) {
  process.stderr.write(`${error.stdout ?? ''}${error.stderr ?? ''}`);
  fail(error instanceof Error ? error.message : String(error));
} finally {
  mock?.child.kill();
  rmSync(cachedClient, { recursive: true, force: true });
  if (keep) console.log(`kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
