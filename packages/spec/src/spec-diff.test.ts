import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { specPairs, writeSpecPair } from './fixtures/spec-pairs.js';
import {
  type Changeset,
  changesetsAddedSince,
  compareSpecs,
  describePointer,
  diffSpecs,
  formatReport,
  judge,
  readChangesets,
  resolveBase,
  runSpecDiffCli,
  type SpecComparison,
  SpecDiffError,
} from './spec-diff.js';
import { specPath } from './spec-document.js';

const work = mkdtempSync(join(tmpdir(), 'spec-diff-test-'));
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

  it('finds nothing between the spec and itself, and passes without a changeset', async () => {
    const result = await diffSpecs(specPath, specPath, join(work, 'no-changesets'));
    expect(result).toMatchObject({ breaking: [], compatible: [], requiredBump: undefined, ok: true, declared: false });
  });
});

describe('changesets', () => {
  function changesetDir(files: Record<string, string>): string {
    const dir = mkdtempSync(join(work, 'changeset-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }

  it('reads the bumps from front matter, skipping README.md and config.json', () => {
    const dir = changesetDir({
      'README.md': '---\n"@koodrive-device/client": major\n---\nnot a changeset\n',
      'config.json': '{}',
      'brave-owls-sing.md':
        '---\n"@koodrive-device/client": major\n\'@koodrive-device/mocks\': minor\n---\n\nRenamed.\n',
      'empty.md': '---\n---\n\nNothing to release.\n',
    });
    expect(readChangesets(dir)).toEqual([
      {
        file: 'brave-owls-sing.md',
        releases: { '@koodrive-device/client': 'major', '@koodrive-device/mocks': 'minor' },
      },
      { file: 'empty.md', releases: {} },
    ]);
  });

  it('reads only the listed changesets when given a list, leaving the others unread', () => {
    const dir = changesetDir({
      'old-major.md': '---\n"@koodrive-device/client": major\n---\n\nAn earlier pull request.\n',
      'old-broken.md': 'no front matter at all\n',
      'new-patch.md': '---\n"@koodrive-device/client": patch\n---\n\nThis one.\n',
    });
    expect(readChangesets(dir, { only: ['new-patch.md'] })).toEqual([
      { file: 'new-patch.md', releases: { '@koodrive-device/client': 'patch' } },
    ]);
    expect(readChangesets(dir, { only: [] })).toEqual([]);
    expect(() => readChangesets(dir)).toThrow(/old-broken\.md has no front matter/);
  });

  it('rejects a changeset without front matter or with an unknown bump, naming the file', () => {
    expect(() => readChangesets(changesetDir({ 'a.md': 'just text\n' }))).toThrow(SpecDiffError);
    expect(() => readChangesets(changesetDir({ 'a.md': 'just text\n' }))).toThrow(/a\.md has no front matter/);
    expect(() => readChangesets(changesetDir({ 'b.md': '---\n"@koodrive-device/client": huge\n---\n' }))).toThrow(
      /b\.md bumps @koodrive-device\/client by "huge"/,
    );
  });

  it('takes the largest client bump across changesets as the declared one', () => {
    const result = judge(comparison('removed response (429)'), [
      { file: 'one.md', releases: { '@koodrive-device/client': 'patch' } },
      { file: 'two.md', releases: { '@koodrive-device/client': 'major' } },
      { file: 'three.md', releases: { '@koodrive-device/client': 'none' } },
    ]);
    expect(result).toMatchObject({ ok: true, declared: true, declaredBump: 'major', changesets: ['one.md', 'two.md'] });
  });

  it('declares a breaking change end to end from a .changeset directory', async () => {
    const pair = specPairs.find((candidate) => candidate.kind === 'removed-response');
    if (pair === undefined) throw new Error('missing pair');
    const { basePath, revisionPath } = writeSpecPair(pair, mkdtempSync(join(work, 'e2e-')));
    const none = await diffSpecs(basePath, revisionPath, changesetDir({ 'README.md': '# Changesets\n' }));
    expect(none).toMatchObject({ ok: false, declared: false });
    const major = await diffSpecs(
      basePath,
      revisionPath,
      changesetDir({ 'drop-429.md': '---\n"@koodrive-device/client": major\n---\n\nNo more 429.\n' }),
    );
    expect(major).toMatchObject({ ok: true, declared: true, changesets: ['drop-429.md'] });
  });
});

describe('the report', () => {
  it('prints one line per change with its kind and location, then the verdict', () => {
    const result = judge(comparison('removed field (required device field machineCode)'), []);
    const lines = formatReport(result, 'heading').split('\n');
    const breakingLines = lines.filter((line) => line.includes('BREAKING'));
    expect(breakingLines).toHaveLength(result.breaking.length);
    expect(breakingLines.join('\n')).toMatch(
      /BREAKING removed-field +GET \/koodrive\/ose\/v1\/backup\/device 200 body data\[\]\.machineCode: .*\[.*\.base\.yaml:\d+\]/,
    );
    expect(lines.at(-2)).toMatch(/^✖ spec:diff failed: \d+ breaking change\(s\) and no changeset/);
    expect(lines.at(-1)).toMatch(/"@koodrive-device\/client": major/);
  });

  it('turns JSON pointers into operation, status and field paths', () => {
    expect(
      describePointer('#/paths/~1a~1b/post/responses/201/content/application~1json/schema/properties/x/items'),
    ).toBe('POST /a/b 201 body x[]');
    expect(describePointer('#/components/schemas/Thing/properties/id')).toBe('components.schemas.Thing id');
  });
});

/**
 * A scratch git repository with `openapi/` and `.changeset/README.md`, and `runSpecDiffCli` run inside it: what
 * the two git-history suites below share.
 */
function scratchRepo(prefix: string) {
  const gitEnv = {
    ...process.env,
    GIT_AUTHOR_NAME: 'test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
  };
  const dir = mkdtempSync(join(work, prefix));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: dir, env: gitEnv, encoding: 'utf8' }).trim();
  git('init', '--quiet', '--initial-branch=main');
  mkdirSync(join(dir, 'openapi'));
  mkdirSync(join(dir, '.changeset'));
  writeFileSync(join(dir, '.changeset', 'README.md'), '# Changesets\n');
  return {
    dir,
    git,
    commit(message: string) {
      git('add', '-A');
      git('commit', '--quiet', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD');
    },
    async run(argv: string[] = [], env: Record<string, string | undefined> = {}) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runSpecDiffCli({
        repoRoot: dir,
        argv,
        env,
        out: (line) => out.push(line),
        err: (line) => err.push(line),
      });
      return { code, out: out.join('\n'), err: err.join('\n') };
    },
  };
}

describe('npm run spec:diff against git history', () => {
  let repo: string;
  let git: ReturnType<typeof scratchRepo>['git'];
  let commit: ReturnType<typeof scratchRepo>['commit'];
  let run: ReturnType<typeof scratchRepo>['run'];
  const breakSpec = () => {
    const file = join(repo, 'openapi', 'koodrive-device.yaml');
    const spec = parse(readFileSync(file, 'utf8'));
    const responses = spec.paths['/koodrive/ose/v1/backup/device'].get.responses;
    expect(responses).toHaveProperty('429');
    delete responses['429'];
    writeFileSync(file, stringify(spec));
  };

  beforeAll(() => {
    ({ dir: repo, git, commit, run } = scratchRepo('repo-'));
  });

  it('exits 0 and says so when there is no base at all', async () => {
    const result = await run();
    expect(result).toMatchObject({ code: 0 });
    expect(result.out).toMatch(/no base to compare with/);
  });

  it('exits 0 when the base commit has no spec yet', async () => {
    commit('empty start');
    copyFileSync(specPath, join(repo, 'openapi', 'koodrive-device.yaml'));
    commit('add the spec');
    git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    const result = await run();
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/HEAD~1:openapi\/koodrive-device\.yaml does not exist/);
  });

  it('fails a branch that removes a response, comparing with its merge-base on origin/main', async () => {
    const mainCommit = git('rev-parse', 'HEAD');
    git('checkout', '--quiet', '-b', 'feature');
    breakSpec();
    commit('drop 429');
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.err).toContain(`origin/main:openapi/koodrive-device.yaml (${mainCommit.slice(0, 12)}`);
    expect(result.err).toMatch(/✖ BREAKING removed-response +GET \/koodrive\/ose\/v1\/backup\/device 429: /);
  });

  it('passes the same branch once a changeset bumps the client by a major version', async () => {
    writeFileSync(
      join(repo, '.changeset', 'drop-429.md'),
      '---\n"@koodrive-device/client": major\n---\n\nThe API no longer documents 429.\n',
    );
    const result = await run();
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/declared: major \(drop-429\.md\)/);
    rmSync(join(repo, '.changeset', 'drop-429.md'));
  });

  it('takes the base from --base, then SPEC_DIFF_BASE, and rejects an unknown ref with exit 2', async () => {
    expect((await run(['--base', 'HEAD'])).out).toMatch(/No changes to the API/);
    expect((await run([], { SPEC_DIFF_BASE: 'HEAD' })).out).toMatch(/HEAD:openapi\/koodrive-device\.yaml/);
    const unknown = await run(['--base=no-such-ref']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/The base ref no-such-ref does not name a commit/);
    expect((await run(['--bogus'])).code).toBe(2);
  });

  it('compares main with its previous commit when HEAD is origin/main itself', async () => {
    git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/HEAD~1:openapi\/koodrive-device\.yaml .*the previous commit/);
    expect(await resolveBase(repo)).toMatchObject({ ref: 'HEAD~1', why: 'the previous commit' });
  });
});

describe('npm run spec:diff counts only the changesets added since the base', () => {
  let repo: string;
  let baseCommit: string;
  let git: ReturnType<typeof scratchRepo>['git'];
  let commit: ReturnType<typeof scratchRepo>['commit'];
  let run: ReturnType<typeof scratchRepo>['run'];
  const writeChangeset = (name: string, bump: string) =>
    writeFileSync(join(repo, '.changeset', name), `---\n"@koodrive-device/client": ${bump}\n---\n\n${name}\n`);

  beforeAll(() => {
    // The base: the spec plus a pending major changeset of an earlier pull request (not yet consumed by
    // `changeset version`).
    ({ dir: repo, git, commit, run } = scratchRepo('repo-pending-'));
    copyFileSync(specPath, join(repo, 'openapi', 'koodrive-device.yaml'));
    writeChangeset('old-major.md', 'major');
    baseCommit = commit("base: the spec and an earlier pull request's pending major changeset");
    // This change: drop the 429 response (breaking), with no changeset of its own.
    const file = join(repo, 'openapi', 'koodrive-device.yaml');
    const spec = parse(readFileSync(file, 'utf8'));
    delete spec.paths['/koodrive/ose/v1/backup/device'].get.responses['429'];
    writeFileSync(file, stringify(spec));
    commit('drop 429, no changeset');
  });

  it('lists the changesets the base lacks, committed or not, apart from those it already has', async () => {
    writeChangeset('untracked.md', 'patch');
    expect(await changesetsAddedSince(repo, baseCommit)).toEqual({
      added: ['untracked.md'],
      preexisting: ['old-major.md'],
    });
    expect(await changesetsAddedSince(repo, 'f'.repeat(40))).toBeUndefined();
    rmSync(join(repo, '.changeset', 'untracked.md'));
  });

  it('fails a breaking change whose only major changeset was already pending at the base', async () => {
    const result = await run(['--base', baseCommit]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/✖ BREAKING removed-response/);
    expect(result.err).toContain('Changesets added since');
    expect(result.err).toMatch(/added since \w+: none; already at the base, not counted: old-major\.md\./);
    expect(result.err).toMatch(/declared: none\./);
    expect(result.err).toMatch(/✖ spec:diff failed: \d+ breaking change\(s\) and no changeset bumping/);
    // The default base (HEAD~1 here) is the same commit, with the same verdict.
    expect((await run([])).code).toBe(1);
  });

  it('still fails with only a new minor changeset: the old major one does not top it up', async () => {
    writeChangeset('new-minor.md', 'minor');
    const result = await run(['--base', baseCommit]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/declared: minor \(new-minor\.md\)\./);
    rmSync(join(repo, '.changeset', 'new-minor.md'));
  });

  it('passes once the change adds its own major changeset, untracked or committed', async () => {
    writeChangeset('drop-429.md', 'major');
    const untracked = await run(['--base', baseCommit]);
    expect(untracked.code).toBe(0);
    expect(untracked.out).toMatch(/declared: major \(drop-429\.md\)\./);
    expect(untracked.out).toMatch(/✔ Breaking changes declared by a major changeset\./);
    commit('the changeset for dropping 429');
    const committed = await run(['--base', baseCommit]);
    expect(committed.code).toBe(0);
    expect(committed.out).toMatch(/added since \w+: drop-429\.md; already at the base, not counted: old-major\.md\./);
  });

  it('says that no changeset is looked at when there is no base at all (no git history)', async () => {
    const fresh = scratchRepo('repo-fresh-');
    writeFileSync(join(fresh.dir, '.changeset', 'major.md'), '---\n"@koodrive-device/client": major\n---\n\nx\n');
    const { code, out } = await fresh.run();
    expect(code).toBe(0);
    expect(out).toMatch(/no base to compare with .*nothing to check, so no changeset is looked at either/);
  });

  it('counts every changeset in the folder when called as a library without a list', async () => {
    const base = join(work, 'pending-base.yaml');
    writeFileSync(base, git('show', `${baseCommit}:openapi/koodrive-device.yaml`));
    const result = await diffSpecs(base, join(repo, 'openapi', 'koodrive-device.yaml'), join(repo, '.changeset'));
    expect(result).toMatchObject({ ok: true, changesets: ['drop-429.md', 'old-major.md'] });
    const onlyOld = await diffSpecs(base, join(repo, 'openapi', 'koodrive-device.yaml'), join(repo, '.changeset'), {
      changesetFiles: ['old-major.md'],
    });
    expect(onlyOld).toMatchObject({ ok: true, changesets: ['old-major.md'] });
    const none = await diffSpecs(base, join(repo, 'openapi', 'koodrive-device.yaml'), join(repo, '.changeset'), {
      changesetFiles: [],
    });
    expect(none).toMatchObject({ ok: false, declaredBump: undefined });
  });
});
