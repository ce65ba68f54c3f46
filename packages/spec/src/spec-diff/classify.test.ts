import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specPairs, writeSpecPair } from '../fixtures/spec-pairs.js';
import { specPath } from '../spec-document.js';
import { compareSpecs } from './classify.js';
import { type Changeset, type SpecComparison, SpecDiffError } from './types.js';
import { judge } from './verdict.js';

const work = mkdtempSync(join(tmpdir(), 'spec-diff-classify-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const clientBump = (bump: 'major' | 'minor' | 'patch'): Changeset[] => [
  { file: `client-${bump}.md`, releases: { '@koodrive-device/client': bump } },
];

/** Runs `redocly diff` for every pair once, two at a time (the machine has two cores). */
const comparisons = new Map<string, SpecComparison>();
beforeAll(async () => {
  const queue = [...specPairs];
  const worker = async () => {
    for (let pair = queue.shift(); pair !== undefined; pair = queue.shift()) {
      const { basePath, revisionPath } = writeSpecPair(pair, work);
      comparisons.set(pair.name, await compareSpecs(basePath, revisionPath, { cwd: work }));
    }
  };
  await Promise.all([worker(), worker()]);
});

function comparison(name: string): SpecComparison {
  const found = comparisons.get(name);
  if (found === undefined) throw new Error(`no comparison for ${name}`);
  return found;
}

describe('the spec:diff verdict on pairs of spec versions', () => {
  const breakingPairs = specPairs.filter((pair) => pair.expected === 'breaking');
  const compatiblePairs = specPairs.filter((pair) => pair.expected === 'compatible');

  it('covers every breaking kind the gate promises to catch', () => {
    expect(new Set(breakingPairs.map((pair) => pair.kind))).toEqual(
      new Set([
        'removed-field',
        'renamed-field',
        'changed-type',
        'new-required-header',
        'new-required-parameter',
        'removed-response',
        'narrowed-enum',
        'enum-values-added',
      ]),
    );
  });

  it.each(breakingPairs.map((pair) => [pair.name, pair.kind] as const))(
    'reports %s as breaking (%s) and fails without a major changeset for the client',
    (name, kind) => {
      const result = comparison(name);
      expect(result.breaking.map((change) => change.kind)).toContain(kind);
      expect(result.requiredBump).toBe('major');
      expect(judge(result, []).ok).toBe(false);
      expect(judge(result, clientBump('minor')).ok).toBe(false);
      expect(judge(result, [{ file: 'mocks.md', releases: { '@koodrive-device/mocks': 'major' } }]).ok).toBe(false);
      const declared = judge(result, clientBump('major'));
      expect(declared).toMatchObject({
        ok: true,
        declared: true,
        declaredBump: 'major',
        changesets: ['client-major.md'],
      });
    },
  );

  it.each(compatiblePairs.map((pair) => [pair.name] as const))(
    'reports %s as compatible, yet still asks for a client changeset',
    (name) => {
      const result = comparison(name);
      expect(result.breaking).toEqual([]);
      expect(result.compatible.length).toBeGreaterThan(0);
      expect(result.requiredBump).not.toBe('major');
      const bare = judge(result, []);
      expect(bare.ok).toBe(false);
      expect(bare.reason).toMatch(/no changeset bumps @koodrive-device\/client/);
      expect(judge(result, clientBump('patch'))).toMatchObject({ ok: true, declared: false, declaredBump: 'patch' });
    },
  );

  it('rates an added response field and an added response as minor, a description edit as patch', () => {
    expect(comparison('added optional response field (device model)').requiredBump).toBe('minor');
    expect(comparison('added response (404)').requiredBump).toBe('minor');
    expect(comparison('description-only change (machineCode)').requiredBump).toBe('patch');
  });

  it('locates each breaking change in the operation and in the file', () => {
    const [removed] = comparison('removed field (required device field machineCode)').breaking.filter(
      (change) => change.kind === 'removed-field',
    );
    expect(removed?.where).toBe('GET /koodrive/ose/v1/backup/device 200 body data[].machineCode');
    expect(removed?.message).toMatch(/machineCode/);
    expect(removed?.source).toMatch(/\.base\.yaml:\d+$/);
    const [header] = comparison('new required header (X-Signature)').breaking;
    expect(header?.where).toBe('GET /koodrive/ose/v1/backup/device header parameter X-Signature');
    expect(header?.source).toMatch(/\.revision\.yaml:\d+$/);
  });

  it('rejects a revision that is not YAML or not OpenAPI with a SpecDiffError naming the file', async () => {
    const notYaml = join(work, 'not-yaml.yaml');
    writeFileSync(notYaml, 'openapi: 3.0.3\ninfo: [unclosed\n');
    await expect(compareSpecs(specPath, notYaml)).rejects.toThrow(/not-yaml\.yaml is not valid YAML/);
    const notOpenApi = join(work, 'not-openapi.yaml');
    writeFileSync(notOpenApi, 'name: a package\n');
    await expect(compareSpecs(specPath, notOpenApi)).rejects.toThrow(SpecDiffError);
    await expect(compareSpecs(specPath, join(work, 'missing.yaml'))).rejects.toThrow(/missing\.yaml does not exist/);
  });

  it('finds nothing between the spec and itself', async () => {
    expect(await compareSpecs(specPath, specPath)).toEqual({ breaking: [], compatible: [], requiredBump: undefined });
  });
});

describe('the line spec:diff names is the line that was edited', () => {
  // Edits made to the spec's own text (not a re-serialised copy), so the expected lines are the file's own.
  const text = readFileSync(specPath, 'utf8');
  const lineOf = (source: string, needle: string) => source.slice(0, source.indexOf(needle)).split('\n').length;
  const edit = (from: string, to: string) => {
    expect(text).toContain(from);
    const revision = text.replace(from, to);
    const path = join(work, `edited-${lineOf(text, from)}.yaml`);
    writeFileSync(path, revision);
    return { path, revision };
  };

  it('names the renamed key’s line, not the line after it where its block value starts', async () => {
    const { path, revision } = edit(
      '        machineCode:\n          type: string',
      '        machine_code:\n          type: string',
    );
    const result = await compareSpecs(specPath, path);
    const renamed = result.breaking.find((change) => change.kind === 'renamed-field');
    expect(renamed?.source).toMatch(new RegExp(`:${lineOf(revision, '        machine_code:')}$`));
  });

  it('names the line of an edited one-line value and of a removed response (in the base)', async () => {
    const description = edit('          description: Machine code.', '          description: The machine code.');
    const described = await compareSpecs(specPath, description.path);
    expect(described.compatible.map((change) => change.source.split(':').at(-1))).toEqual([
      String(lineOf(description.revision, 'description: The machine code.')),
    ]);
    const removed = await compareSpecs(specPath, edit("        '429':", "        'x-429':").path);
    const response = removed.breaking.find((change) => change.kind === 'removed-response');
    expect(response?.source).toMatch(new RegExp(`:${lineOf(text, "        '429':")}$`));
  });
});
