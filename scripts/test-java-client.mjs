#!/usr/bin/env node
// The Java client's checks on whatever JDK JAVA_HOME (else PATH) names; CI runs it on Java 25 through
// `npm run test:java25` (scripts/with-runtime.mjs --java=25), after the default run on Java 17:
//   1. `mvn -B clean verify` in packages/client-java: compiled from scratch by this JDK's javac, tests on its JVM;
//   2. every class it compiled is still a Java 17 class file (the pom's --release 17: the jar teams on 17 use);
//   3. `npm run test:java-consumer`: the client deployed to a file repository, built and run from a project outside
//      the repository, on this JDK.
// Exit 0 when all pass; 1 (with what failed) otherwise.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classFileMajor, javaReleaseOfClassMajor } from './java-runtime.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const clientDir = join(repoRoot, 'packages', 'client-java');
const TARGET_RELEASE = 17;

const started = Date.now();
const step = (text) => console.log(`\n── ${text} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(
      `test-java-client: \`${[command, ...args].join(' ')}\` failed (exit ${result.status ?? result.signal}).`,
    );
    process.exit(1);
  }
}

const maven = execFileSync('mvn', ['-B', '--version'], { encoding: 'utf8' });
const javaLine = /^Java version: .*$/m.exec(maven)?.[0] ?? 'Java version: unknown';
step(
  `Java client on ${javaLine.replace(/^Java version: /, 'Java ')} (Maven's JVM, JAVA_HOME=${process.env.JAVA_HOME ?? 'unset'})`,
);

step('mvn -B clean verify (packages/client-java)');
run(process.execPath, [join(clientDir, 'scripts', 'mvn.mjs'), '-q', 'clean', 'verify'], clientDir);

const classes = join(clientDir, 'target', 'classes');
const files = readdirSync(classes, { recursive: true }).filter((file) => file.endsWith('.class'));
const wrong = files.filter(
  (file) => javaReleaseOfClassMajor(classFileMajor(readFileSync(join(classes, file)))) !== TARGET_RELEASE,
);
if (files.length === 0 || wrong.length > 0) {
  console.error(
    `test-java-client: ${files.length === 0 ? `no class files in ${relative(repoRoot, classes)}` : `not Java ${TARGET_RELEASE} class files: ${wrong.join(', ')}`}; the jar must stay built for Java ${TARGET_RELEASE} (--release ${TARGET_RELEASE}).`,
  );
  process.exit(1);
}
step(`${files.length} classes in ${relative(repoRoot, classes)}/ are Java ${TARGET_RELEASE} class files`);

step('npm run test:java-consumer');
run('npm', ['run', 'test:java-consumer'], repoRoot);
step('the Java client passes on this JDK');
