#!/usr/bin/env node
// Runs Maven in this package for turbo and npm (`node scripts/mvn.mjs <goals and flags>`), after checking that a
// JDK 17+ and Maven are installed; without them it exits 1 with one sentence saying what to install. Maven runs in
// batch mode without colours, so CI logs stay plain.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

function fail(message) {
  console.error(`@koodrive-device/client-java: ${message}`);
  process.exit(1);
}

/** The major version `java -version` reports, or undefined when java is missing. */
export function javaMajor(versionOutput) {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (match === null) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major; // "1.8.0_402" is Java 8
}

const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
const major = java.error === undefined ? javaMajor(`${java.stderr}${java.stdout}`) : undefined;
if (major === undefined) {
  fail(
    'Java is not installed. Install a JDK 17 or newer (Debian/Ubuntu: `apt-get install openjdk-17-jdk-headless`; macOS: `brew install openjdk@17`) and Maven 3.8+, or skip the Java client with `npx turbo run test --filter=!@koodrive-device/client-java`.',
  );
}
if (major < 17) fail(`Java ${major} is too old: the Java client needs a JDK 17 or newer.`);
const mvn = spawnSync('mvn', ['--version'], { stdio: 'ignore' });
if (mvn.error !== undefined || mvn.status !== 0) {
  fail(
    'Maven is not installed. Install Maven 3.8 or newer (Debian/Ubuntu: `apt-get install maven`; macOS: `brew install maven`).',
  );
}

const result = spawnSync('mvn', ['-B', '-Dstyle.color=never', ...process.argv.slice(2)], {
  cwd: packageDir,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
