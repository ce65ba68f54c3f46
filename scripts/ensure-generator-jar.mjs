#!/usr/bin/env node
// Makes the pinned openapi-generator jar available, offline first, and proves it is the one we pinned.
//
// Order: 1. the jar already in the storage dir (openapitools.json `storageDir`), if its SHA-256 matches;
//        2. Maven (`mvn dependency:copy`), which honours the user's ~/.m2/settings.xml mirrors and cache;
//        3. the @openapitools/openapi-generator-cli wrapper's own download.
// Whatever the source, the jar is accepted only when its SHA-256 equals scripts/generator-jar.sha256.
// Exit 1 with one sentence when Java is missing or no source gives the right jar.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
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

function fromMaven(version, expected) {
  if (!has('mvn', ['--version'])) return 'Maven (mvn) is not on PATH';
  const out = mkdtempSync(join(tmpdir(), 'openapi-generator-'));
  try {
    const result = spawnSync(
      'mvn',
      [
        '--batch-mode',
        '--quiet',
        'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy',
        `-Dartifact=org.openapitools:openapi-generator-cli:${version}:jar`,
        `-DoutputDirectory=${out}`,
      ],
      { encoding: 'utf8' },
    );
    const jar = join(out, `openapi-generator-cli-${version}.jar`);
    if (result.status !== 0 || !existsSync(jar)) {
      return `Maven could not fetch it (${(result.stdout + result.stderr).trim().split('\n').slice(-3).join(' ')})`;
    }
    const actual = sha256(jar);
    if (actual !== expected) return `Maven's jar has SHA-256 ${actual}, not the pinned ${expected}`;
    return { jar, cleanup: () => rmSync(out, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(out, { recursive: true, force: true });
    return `Maven failed: ${error.message}`;
  }
}

function fromWrapper(jarPath, expected) {
  const bin = join(repoRoot, 'node_modules', '.bin', 'openapi-generator-cli');
  if (!existsSync(bin)) return 'the openapi-generator-cli wrapper is not installed (run npm ci)';
  const result = spawnSync(bin, ['version'], { cwd: repoRoot, encoding: 'utf8' });
  if (!existsSync(jarPath)) return `the wrapper's download failed (${result.stderr.trim().split('\n').pop()})`;
  const actual = sha256(jarPath);
  if (actual !== expected) {
    rmSync(jarPath, { force: true });
    return `the wrapper's jar has SHA-256 ${actual}, not the pinned ${expected}; it was deleted`;
  }
  return { jar: jarPath, cleanup: () => {} };
}

/** Returns the path of a verified jar, or throws GeneratorJarError with one sentence. */
export function ensureGeneratorJar({ log = (line) => console.error(line) } = {}) {
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
  mkdirSync(storageDir, { recursive: true });
  const reasons = [];
  for (const source of [() => fromMaven(version, expected), () => fromWrapper(jarPath, expected)]) {
    const got = source();
    if (typeof got === 'string') {
      reasons.push(got);
      continue;
    }
    if (got.jar !== jarPath) copyFileSync(got.jar, jarPath);
    got.cleanup();
    log(`openapi-generator-cli ${version} is ready at ${jarPath} (SHA-256 verified).`);
    return jarPath;
  }
  throw new GeneratorJarError(
    `Could not get openapi-generator-cli ${version} with the pinned SHA-256: ${reasons.join('; ')}.`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(ensureGeneratorJar());
  } catch (error) {
    if (!(error instanceof GeneratorJarError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
