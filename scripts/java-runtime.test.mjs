import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classFileMajor, findJava, javaReleaseOfClassMajor, majorOf, releaseVersion } from './java-runtime.mjs';

let jvm;

/** A JDK-shaped folder: a release file saying `version`, and a bin/java whose -version says `reports`. */
function fakeJdk(name, version, { reports = version, javac = true } = {}) {
  const home = join(jvm, name);
  mkdirSync(join(home, 'bin'), { recursive: true });
  writeFileSync(join(home, 'release'), `IMPLEMENTOR="Test"\nJAVA_VERSION="${version}"\n`);
  writeFileSync(join(home, 'bin', 'java'), `#!/bin/sh\necho 'openjdk version "${reports}" 2026-04-21' >&2\n`);
  chmodSync(join(home, 'bin', 'java'), 0o755);
  if (javac) writeFileSync(join(home, 'bin', 'javac'), '#!/bin/sh\n');
  return home;
}

const find = (major, env = {}) => findJava(major, { env, folders: [{ dir: jvm, home: '' }] });

beforeEach(() => {
  jvm = mkdtempSync(join(tmpdir(), 'java-runtime-test-'));
});
afterEach(() => rmSync(jvm, { recursive: true, force: true }));

describe('findJava', () => {
  it("finds the newest JDK of the major in the machine's JDK folder, next to others", () => {
    fakeJdk('java-17-openjdk-amd64', '17.0.15');
    fakeJdk('temurin-25-jdk-amd64', '25.0.3');
    fakeJdk('temurin-25.0.1', '25.0.1');
    symlinkSync(join(jvm, 'temurin-25-jdk-amd64'), join(jvm, 'default-25')); // one JDK, counted once, by its real path
    expect(find(25)).toEqual({
      home: join(jvm, 'temurin-25-jdk-amd64'),
      version: '25.0.3',
      source: 'the JDK folder',
    });
  });

  it('takes JAVA_25_HOME first, and refuses one that is not a JDK 25 instead of looking elsewhere', () => {
    fakeJdk('temurin-25', '25.0.3');
    const other = fakeJdk('elsewhere-25', '25.0.2');
    expect(find(25, { JAVA_25_HOME: other })).toMatchObject({ home: other, source: 'JAVA_25_HOME' });
    const seventeen = fakeJdk('jdk-17', '17.0.15');
    expect(() => find(25, { JAVA_25_HOME: seventeen })).toThrow(
      `JAVA_25_HOME=${seventeen} is not a JDK 25 (it is Java 17.0.15)`,
    );
  });

  it('fails saying where it looked and what it found when there is no Java 25', () => {
    fakeJdk('java-17-openjdk-amd64', '17.0.15');
    fakeJdk('jre-25', '25.0.3', { javac: false });
    fakeJdk('liar-25', '25.0.3', { reports: '17.0.15' });
    expect(() => find(25)).toThrow(
      `Java 25 was not found: JAVA_25_HOME is not set and there is no JDK 25 under ${jvm} (found: ` +
        'java-17-openjdk-amd64 (17.0.15), jre-25 (25.0.3: no bin/javac, not a JDK), ' +
        'liar-25 (25.0.3: but bin/java -version says 17)). Install a JDK 25',
    );
  });
});

describe('versions', () => {
  it('reads release files and version strings', () => {
    expect(releaseVersion('IMPLEMENTOR="Eclipse Adoptium"\nJAVA_VERSION="25.0.3"\n')).toBe('25.0.3');
    expect([majorOf('25.0.3'), majorOf('17'), majorOf('1.8.0_402'), majorOf('')]).toEqual([25, 17, 8, undefined]);
  });

  it('reads the Java release a class file was compiled for from its header', () => {
    const header = (major) => Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, major, 0, 1]);
    expect(javaReleaseOfClassMajor(classFileMajor(header(61)))).toBe(17);
    expect(javaReleaseOfClassMajor(classFileMajor(header(69)))).toBe(25);
    expect(() => classFileMajor(Buffer.from('PK\u0003\u0004xxxx'))).toThrow('not a class file');
  });
});
