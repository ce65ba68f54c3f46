import { describe, expect, it } from 'vitest';
import { mavenProgress } from './ensure-generator-jar.mjs';

const JAR = 'openapi-generator-cli-7.17.0.jar';
const BASE = 'https://repo.maven.apache.org/maven2';

describe('mavenProgress', () => {
  it('reports where the generator jar comes from when Maven starts fetching it', () => {
    const url = `${BASE}/org/openapitools/openapi-generator-cli/7.17.0/${JAR}`;
    expect(mavenProgress(`[INFO] Downloading from central: ${url}`, JAR)).toEqual({
      kind: 'jar-start',
      repository: 'central',
      url,
    });
  });

  it('reports the size and speed Maven gives once the jar is downloaded', () => {
    const url = `${BASE}/org/openapitools/openapi-generator-cli/7.17.0/${JAR}`;
    expect(mavenProgress(`[INFO] Downloaded from my-mirror: ${url} (31 MB at 4.2 MB/s)`, JAR)).toEqual({
      kind: 'jar-done',
      repository: 'my-mirror',
      url,
      size: '31 MB',
      speed: '4.2 MB/s',
    });
  });

  it("counts Maven's own plugin files apart, and ignores the rest of its output", () => {
    const pom = `${BASE}/org/apache/maven/plugins/maven-dependency-plugin/3.8.1/maven-dependency-plugin-3.8.1.pom`;
    expect(mavenProgress(`[INFO] Downloaded from central: ${pom} (18 kB at 12 kB/s)`, JAR)).toEqual({
      kind: 'other-done',
      url: pom,
    });
    expect(mavenProgress(`[INFO] Downloading from central: ${pom}`, JAR)).toBeUndefined();
    expect(mavenProgress('[INFO] BUILD SUCCESS', JAR)).toBeUndefined();
    expect(
      mavenProgress(`[INFO] Downloaded from central: ${BASE}/x/openapi-generator-cli-7.16.0.jar (1 MB at 1 MB/s)`, JAR),
    ).toMatchObject({ kind: 'other-done' });
  });
});
