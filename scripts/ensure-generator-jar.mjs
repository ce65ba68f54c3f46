#!/usr/bin/env node
// Makes the pinned openapi-generator jar available, offline first, and proves it is the one we pinned.
//
// Order: 1. the jar already in the storage dir (openapitools.json `storageDir`), if its SHA-256 matches;
//        2. Maven (`mvn dependency:copy`), which honours the user's ~/.m2/settings.xml mirrors and cache;
//        3. the @openapitools/openapi-generator-cli wrapper's own download.
// Whatever the source, the jar is accepted only when its SHA-256 equals scripts/generator-jar.sha256.
// Exit 1 with one sentence when Java is missing or no source gives the right jar.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function generatorSettings() {
  const config = JSON.parse(readFileSync(join(repoRoot, 'openapitools.json'), 'utf8'))['generator-cli'];
  const storageDir = resolve(repoRoot, config.storageDir);
  return { version: config.version, storageDir, jarPath: join(storageDir, `${config.version}.jar`), config };
}

function pinnedSha256(version) {
  const lines = readFileSync(join(repoRoot, 'scripts', 'generator-jar.sha256'), 'utf8').split('\n');
  for (const line of lines) {
    const [hash, name] = line.trim().split(/\s+/);
    if (name === `openapi-generator-cli-${version}.jar`) return hash;
  }
  throw new GeneratorJarError(
    `No SHA-256 is pinned for openapi-generator-cli-${version}.jar in scripts/generator-jar.sha256; add it before changing the version.`,
  );
}

export class GeneratorJarError extends Error {
  name = 'GeneratorJarError';
}

function sha256(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function has(command, args) {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return result.error === undefined && result.status === 0;
}

const MB = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * What one line of `mvn --batch-mode` output says about the fetch: the generator jar starting or finished
 * (`Downloading from central: <url>` / `Downloaded from central: <url> (31 MB at 4.2 MB/s)`), another file
 * finished (Maven fetching its own plugin the first time), or nothing worth showing (undefined).
 */
export function mavenProgress(line, jarName) {
  const match = /^\[INFO\] Download(ing|ed) from ([^:]+): (\S+)(?: \((.+) at (.+)\))?\s*$/.exec(line);
  if (match === null) return undefined;
  const [, phase, repository, url, size, speed] = match;
  const isJar = url.endsWith(`/${jarName}`);
  if (phase === 'ing') return isJar ? { kind: 'jar-start', repository, url } : undefined;
  if (isJar) return { kind: 'jar-done', repository, url, size, speed };
  return { kind: 'other-done', url };
}

/** Maven's local repository copy of the jar, when an earlier fetch (of any project) left one there. */
function localMavenJar(version) {
  const path = join(homedir(), '.m2', 'repository', 'org', 'openapitools', 'openapi-generator-cli', version);
  const jar = join(path, `openapi-generator-cli-${version}.jar`);
  return existsSync(jar) ? jar : undefined;
}

/** Runs Maven, showing the jar's source and size as it goes and a count of the other files it fetches. */
function runMaven(args, jarName, log) {
  return new Promise((resolvePromise) => {
    const child = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const tail = [];
    let others = 0;
    const onLine = (line) => {
      tail.push(line);
      if (tail.length > 5) tail.shift();
      const progress = mavenProgress(line, jarName);
      if (progress?.kind === 'jar-start')
        log(`  downloading ${progress.url} (Maven repository "${progress.repository}")`);
      if (progress?.kind === 'jar-done') log(`  downloaded ${progress.size} at ${progress.speed}`);
      if (progress?.kind === 'other-done') {
        others += 1;
        if (others === 1) log('  Maven is fetching its dependency plugin first (once per machine)…');
        else if (others % 25 === 0) log(`  … ${others} plugin files so far`);
      }
    };
    createInterface({ input: child.stdout }).on('line', onLine);
    createInterface({ input: child.stderr }).on('line', onLine);
    child.on('error', (error) => resolvePromise({ status: -1, tail: [error.message] }));
    child.on('close', (status) => resolvePromise({ status, tail }));
  });
}

/** The jar's size on Maven Central (a HEAD request), or undefined when Central does not answer quickly. */
async function centralSize(version) {
  const url = `https://repo.maven.apache.org/maven2/org/openapitools/openapi-generator-cli/${version}/openapi-generator-cli-${version}.jar`;
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5000) });
    const length = Number(response.headers.get('content-length'));
    return response.ok && length > 0 ? length : undefined;
  } catch {
    return undefined;
  }
}

async function fromMaven(version, log) {
  if (!has('mvn', ['--version'])) return 'Maven (mvn) is not on PATH';
  const jarName = `openapi-generator-cli-${version}.jar`;
  const cached = localMavenJar(version);
  if (cached === undefined) {
    const size = await centralSize(version);
    log(
      `Fetching org.openapitools:openapi-generator-cli:${version} (${size === undefined ? 'size unknown' : MB(size)}) ` +
        'with Maven, from the repositories of ~/.m2/settings.xml or else Maven Central; the first time takes a minute or two.',
    );
  } else {
    log(`Copying org.openapitools:openapi-generator-cli:${version} from the local Maven repository (${cached}).`);
  }
  const out = mkdtempSync(join(tmpdir(), 'openapi-generator-'));
  try {
    const result = await runMaven(
      [
        '--batch-mode',
        '-Dstyle.color=never',
        'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy',
        `-Dartifact=org.openapitools:openapi-generator-cli:${version}:jar`,
        `-DoutputDirectory=${out}`,
      ],
      jarName,
      log,
    );
    const jar = join(out, jarName);
    if (result.status !== 0 || !existsSync(jar)) {
      rmSync(out, { recursive: true, force: true });
      return `Maven could not fetch it (${result.tail.join(' ').trim()})`;
    }
    return { jar, cleanup: () => rmSync(out, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(out, { recursive: true, force: true });
    return `Maven failed: ${error.message}`;
  }
}

function fromWrapper(jarPath, version, log) {
  const bin = join(repoRoot, 'node_modules', '.bin', 'openapi-generator-cli');
  if (!existsSync(bin)) return 'the openapi-generator-cli wrapper is not installed (run npm ci)';
  log(`Trying the openapi-generator-cli wrapper's own download of ${version} (from Maven Central)…`);
  const result = spawnSync(bin, ['version'], { cwd: repoRoot, encoding: 'utf8' });
  if (!existsSync(jarPath)) return `the wrapper's download failed (${result.stderr.trim().split('\n').pop()})`;
  return { jar: jarPath, cleanup: () => {} };
}

/** Returns the path of a verified jar, or throws GeneratorJarError with one sentence. */
export async function ensureGeneratorJar({ log = (line) => console.error(line) } = {}) {
  if (!has('java', ['-version'])) {
    throw new GeneratorJarError(
      'Java was not found on PATH: install a JDK or JRE >= 11 to regenerate the client (npm test does not need Java).',
    );
  }
  const { version, storageDir, jarPath } = generatorSettings();
  const expected = pinnedSha256(version);
  if (existsSync(jarPath)) {
    if (sha256(jarPath) === expected) return jarPath;
    log(`The cached ${jarPath} does not match the pinned SHA-256; fetching it again.`);
    rmSync(jarPath, { force: true });
  }
  log(`openapi-generator-cli ${version} is not in ${relative(repoRoot, storageDir)}/ yet.`);
  mkdirSync(storageDir, { recursive: true });
  const reasons = [];
  const sources = [() => fromMaven(version, log), () => fromWrapper(jarPath, version, log)];
  for (const source of sources) {
    const got = await source();
    if (typeof got === 'string') {
      reasons.push(got);
      log(`  not from there: ${got}`);
      continue;
    }
    const actual = sha256(got.jar);
    if (actual !== expected) {
      got.cleanup();
      if (got.jar === jarPath) rmSync(jarPath, { force: true });
      reasons.push(`that jar has SHA-256 ${actual}, not the pinned ${expected}`);
      log(`  rejected: SHA-256 ${actual} is not the pinned ${expected} (scripts/generator-jar.sha256)`);
      continue;
    }
    if (got.jar !== jarPath) copyFileSync(got.jar, jarPath);
    got.cleanup();
    log(
      `  SHA-256 ${actual} verified against scripts/generator-jar.sha256 (${MB(statSync(jarPath).size)}); ` +
        `openapi-generator-cli ${version} is ready at ${relative(repoRoot, jarPath)}.`,
    );
    return jarPath;
  }
  throw new GeneratorJarError(
    `Could not get openapi-generator-cli ${version} with the pinned SHA-256: ${reasons.join('; ')}.`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(await ensureGeneratorJar());
  } catch (error) {
    if (!(error instanceof GeneratorJarError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
