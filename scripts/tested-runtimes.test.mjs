// What the repository declares about runtimes agrees with what CI tests (.ci/run): Node 20 (.nvmrc, the default
// run) and the Node 24 pinned in scripts/node-runtime.json; Java 17 (the jar's target) and Java 25.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPin, repoRoot } from './ensure-node.mjs';

const read = (path) => readFileSync(join(repoRoot, path), 'utf8');
const workspaces = ['packages', 'apps'].flatMap((dir) =>
  readdirSync(join(repoRoot, dir)).map((name) => `${dir}/${name}/package.json`),
);
const nodeMajor = Number(read('.nvmrc').trim());
const pinnedMajor = Number(readPin().version.split('.')[0]);

describe('tested runtimes', () => {
  it('keeps Node 20 as the default (.nvmrc) and the floor every engines field states', () => {
    expect(nodeMajor).toBe(20);
    const engines = ['package.json', ...workspaces]
      .map((file) => [file, JSON.parse(read(file)).engines?.node])
      .filter(([, range]) => range !== undefined);
    expect(engines.length).toBeGreaterThan(1);
    for (const [file, range] of engines) expect({ file, range }).toEqual({ file, range: `>=${nodeMajor}` });
  });

  it('tests a newer Node LTS (even major) than the default, which those engines admit', () => {
    expect(pinnedMajor).toBeGreaterThan(nodeMajor);
    expect(pinnedMajor % 2).toBe(0);
  });

  it('runs the second Node and Java 25 in CI, and the READMEs name the versions tested', () => {
    const ci = read('.ci/run');
    const scripts = JSON.parse(read('package.json')).scripts;
    for (const script of [`test:node${pinnedMajor}`, `test:packages:node${pinnedMajor}`, 'test:java25']) {
      expect(ci).toContain(`npm run ${script}\n`);
      expect(scripts[script]).toBeDefined();
    }
    expect(read('README.md')).toContain(`Node.js ${nodeMajor} and ${readPin().version}`);
    expect(read('packages/client-java/README.md')).toContain('tested on Java 17 and 25');
  });

  it('keeps the Java client built for Java 17', () => {
    expect(read('packages/client-java/pom.xml')).toContain('<maven.compiler.release>17</maven.compiler.release>');
  });
});
