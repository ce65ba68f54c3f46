#!/usr/bin/env node
// Finds a JDK of one major version (CI: 25) for testing the Java client on it, without installing anything.
//
// Where: JAVA_<major>_HOME when set (it must then be that JDK: a wrong one is an error, never passed over), else
// JAVA_HOME when it is that major, else the folder the machine keeps its JDKs in (Linux /usr/lib/jvm, macOS
// /Library/Java/JavaVirtualMachines/*/Contents/Home). A candidate counts when its `release` file says that major,
// it has bin/java and bin/javac, and `bin/java -version` agrees; the newest such release wins.
//
// `node scripts/java-runtime.mjs [major]` prints that JDK's home (default 25). Exit 1 with one sentence saying
// where it looked and what it found when there is none.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

export class JavaRuntimeError extends Error {
  name = 'JavaRuntimeError';
}

/** The folders a machine keeps JDKs in, each with how to get from an entry to a JDK home. */
export function jdkFolders(platform = process.platform) {
  if (platform === 'darwin') return [{ dir: '/Library/Java/JavaVirtualMachines', home: 'Contents/Home' }];
  if (platform === 'linux') return [{ dir: '/usr/lib/jvm', home: '' }];
  return [];
}

/** The full JAVA_VERSION a JDK's `release` file states ("25.0.3"), or undefined. */
export function releaseVersion(releaseText) {
  return /^JAVA_VERSION="([^"]+)"/m.exec(releaseText)?.[1];
}

/** The major version of a Java version string: "25.0.3" → 25, "17" → 17, "1.8.0_402" → 8. */
export function majorOf(version) {
  const match = /^(\d+)(?:\.(\d+))?/.exec(version ?? '');
  if (match === null) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

/** The major version `java -version` output reports, or undefined. */
export function javaVersionOutputMajor(output) {
  const match = /version "([^"]+)"/.exec(output);
  return match === null ? undefined : majorOf(match[1]);
}

/**
 * The class file format version of a .class file's bytes (Java 17 → 61, Java 25 → 69): what `--release` decided,
 * whatever JDK compiled it. Throws when the bytes are not a class file.
 */
export function classFileMajor(bytes) {
  if (bytes.length < 8 || bytes.readUInt32BE(0) !== 0xcafebabe) throw new JavaRuntimeError('not a class file');
  return bytes.readUInt16BE(6);
}

/** The Java release a class file major version targets (61 → 17). */
export const javaReleaseOfClassMajor = (major) => major - 44;

/** What one folder holds as a JDK: { home, version } when it is one, else a reason it is not. */
export function inspectJdk(home, run = spawnSync) {
  const releaseFile = join(home, 'release');
  if (!existsSync(releaseFile)) return { home, reason: 'no release file' };
  const version = releaseVersion(readFileSync(releaseFile, 'utf8'));
  if (version === undefined) return { home, reason: 'its release file names no JAVA_VERSION' };
  for (const tool of ['java', 'javac']) {
    if (!existsSync(join(home, 'bin', tool))) return { home, version, reason: `no bin/${tool}, not a JDK` };
  }
  const java = run(join(home, 'bin', 'java'), ['-version'], { encoding: 'utf8' });
  const ran = java.error === undefined ? javaVersionOutputMajor(`${java.stderr}${java.stdout}`) : undefined;
  if (ran !== majorOf(version)) {
    return { home, version, reason: `but bin/java -version says ${ran ?? 'nothing'}` };
  }
  return { home, version };
}

function compareVersions(a, b) {
  const parts = (v) => v.split(/[.+_-]/).map((part) => Number.parseInt(part, 10) || 0);
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  }
  return 0;
}

/**
 * The JDK of the given major: { home, version, source }. Throws JavaRuntimeError saying where it looked and
 * what was there when none fits.
 */
export function findJava(major, { env = process.env, folders = jdkFolders(), run = spawnSync } = {}) {
  const variable = `JAVA_${major}_HOME`;
  if (env[variable]) {
    const jdk = inspectJdk(env[variable], run);
    if (jdk.reason !== undefined || majorOf(jdk.version) !== major) {
      throw new JavaRuntimeError(
        `${variable}=${env[variable]} is not a JDK ${major} (${jdk.reason ?? `it is Java ${jdk.version}`}); point it at one or unset it.`,
      );
    }
    return { ...jdk, source: variable };
  }
  if (env.JAVA_HOME) {
    const jdk = inspectJdk(env.JAVA_HOME, run);
    if (jdk.reason === undefined && majorOf(jdk.version) === major) return { ...jdk, source: 'JAVA_HOME' };
  }
  const seen = new Map();
  for (const { dir, home } of folders) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry, home);
      if (entry.startsWith('.') || !existsSync(path) || !statSync(path).isDirectory()) continue;
      const real = realpathSync(path);
      if (!seen.has(real)) seen.set(real, { ...inspectJdk(real, run), entry });
    }
  }
  const fits = [...seen.values()]
    .filter((jdk) => jdk.reason === undefined && majorOf(jdk.version) === major)
    .sort((a, b) => compareVersions(b.version, a.version));
  if (fits.length > 0) return { home: fits[0].home, version: fits[0].version, source: 'the JDK folder' };
  const where = folders.map(({ dir }) => dir).join(', ') || `nowhere known on ${process.platform}`;
  const found =
    [...seen.values()]
      .map(({ entry, version, reason }) => `${entry} (${[version, reason].filter(Boolean).join(': ')})`)
      .join(', ') || 'nothing';
  throw new JavaRuntimeError(
    `Java ${major} was not found: ${variable} is not set and there is no JDK ${major} under ${where} (found: ${found}). ` +
      `Install a JDK ${major} (e.g. Temurin ${major}) or set ${variable} to its home.`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const major = Number(process.argv[2] ?? 25);
  try {
    console.log(findJava(major).home);
  } catch (error) {
    if (!(error instanceof JavaRuntimeError)) throw error;
    console.error(`java-runtime: ${error.message}`);
    process.exit(1);
  }
}
