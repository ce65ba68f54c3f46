import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { specPath } from '../spec-document.js';
import { type ScratchRepo, scratchRepo } from '../testing/scratch-repo.js';
import { resolveBase } from './base.js';
import { diffSpecs } from './verdict.js';

const work = mkdtempSync(join(tmpdir(), 'spec-diff-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Drops the 429 response from the repository's spec: a breaking change. */
function drop429(repo: ScratchRepo): void {
  const file = join(repo.dir, 'openapi', 'koodrive-device.yaml');
  const spec = parse(readFileSync(file, 'utf8'));
  const responses = spec.paths['/koodrive/ose/v1/backup/device'].get.responses;
  expect(responses).toHaveProperty('429');
  delete responses['429'];
  writeFileSync(file, stringify(spec));
}

describe('npm run spec:diff against git history', () => {
  let repo: ScratchRepo;
  beforeAll(() => {
    repo = scratchRepo(work, 'repo-');
  });

  it('exits 0 and says so when there is no base at all', async () => {
    const result = await repo.run();
    expect(result).toMatchObject({ code: 0 });
    expect(result.out).toMatch(/no base to compare with/);
  });

  it('exits 0 when the base commit has no spec yet', async () => {
    repo.commit('empty start');
    copyFileSync(specPath, join(repo.dir, 'openapi', 'koodrive-device.yaml'));
    repo.commit('add the spec');
    repo.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    const result = await repo.run();
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/HEAD~1:openapi\/koodrive-device\.yaml does not exist/);
  });

  it('fails a branch that removes a response, comparing with its merge-base on origin/main', async () => {
    const mainCommit = repo.git('rev-parse', 'HEAD');
    repo.git('checkout', '--quiet', '-b', 'feature');
    drop429(repo);
    repo.commit('drop 429');
    const result = await repo.run();
    expect(result.code).toBe(1);
    expect(result.err).toContain(`origin/main:openapi/koodrive-device.yaml (${mainCommit.slice(0, 12)}`);
    expect(result.err).toMatch(/✖ BREAKING removed-response +GET \/koodrive\/ose\/v1\/backup\/device 429: /);
  });

  it('passes the same branch once a changeset git knows bumps the client by a major version', async () => {
    repo.writeChangeset('drop-429.md', 'major');
    const untracked = await repo.run();
    expect(untracked.code).toBe(1);
    expect(untracked.err).toMatch(/Untracked, not counted until you git add them: drop-429\.md\./);
    repo.git('add', '.changeset/drop-429.md');
    const staged = await repo.run();
    expect(staged.code).toBe(0);
    expect(staged.out).toMatch(/declared: major \(drop-429\.md\)/);
    repo.git('rm', '--quiet', '-f', '.changeset/drop-429.md');
  });

  it('takes the base from --base, then SPEC_DIFF_BASE, and rejects an unknown ref with exit 2', async () => {
    expect((await repo.run(['--base', 'HEAD'])).out).toMatch(/No changes to the API/);
    expect((await repo.run([], { SPEC_DIFF_BASE: 'HEAD' })).out).toMatch(/HEAD:openapi\/koodrive-device\.yaml/);
    const unknown = await repo.run(['--base=no-such-ref']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/The base ref no-such-ref does not name a commit/);
    expect((await repo.run(['--bogus'])).code).toBe(2);
  });

  it('compares main with its previous commit when HEAD is origin/main itself', async () => {
    repo.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    const result = await repo.run();
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/HEAD~1:openapi\/koodrive-device\.yaml .*the previous commit/);
    expect(await resolveBase(repo.dir)).toMatchObject({ ref: 'HEAD~1', why: 'the previous commit' });
  });

  it('exits 2 naming a malformed changeset the change adds', async () => {
    writeFileSync(join(repo.dir, '.changeset', 'broken.md'), 'no front matter\n');
    repo.git('add', '.changeset/broken.md');
    const result = await repo.run();
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^spec:diff: \.changeset\/broken\.md: could not parse changeset/);
    repo.git('rm', '--quiet', '-f', '.changeset/broken.md');
  });
});

describe('npm run spec:diff counts only the changesets added since the base', () => {
  let repo: ScratchRepo;
  let baseCommit: string;

  beforeAll(() => {
    // The base: the spec plus a pending major changeset of an earlier pull request (not yet consumed by
    // `changeset version`). This change: drop the 429 response (breaking), with no changeset of its own.
    repo = scratchRepo(work, 'repo-pending-');
    copyFileSync(specPath, join(repo.dir, 'openapi', 'koodrive-device.yaml'));
    repo.writeChangeset('old-major.md', 'major');
    baseCommit = repo.commit("base: the spec and an earlier pull request's pending major changeset");
    drop429(repo);
    repo.commit('drop 429, no changeset');
  });

  it('fails a breaking change whose only major changeset was already pending at the base', async () => {
    const result = await repo.run(['--base', baseCommit]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/✖ BREAKING removed-response/);
    expect(result.err).toMatch(/added or edited since \w+: none; already at the base, not counted: old-major\.md\./);
    expect(result.err).toMatch(/declared: none\./);
    expect(result.err).toMatch(/✖ spec:diff failed: \d+ breaking change\(s\) and no changeset bumping/);
    // The default base (HEAD~1 here) is the same commit, with the same verdict.
    expect((await repo.run([])).code).toBe(1);
  });

  it('still fails with only a new minor changeset: the old major one does not top it up', async () => {
    repo.writeChangeset('new-minor.md', 'minor');
    repo.git('add', '.changeset/new-minor.md');
    const result = await repo.run(['--base', baseCommit]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/declared: minor \(new-minor\.md\)\./);
    repo.git('rm', '--quiet', '-f', '.changeset/new-minor.md');
  });

  it('passes once the change adds its own major changeset, staged or committed', async () => {
    repo.writeChangeset('drop-429.md', 'major');
    repo.git('add', '.changeset/drop-429.md');
    const staged = await repo.run(['--base', baseCommit]);
    expect(staged.code).toBe(0);
    expect(staged.out).toMatch(/declared: major \(drop-429\.md\)\./);
    expect(staged.out).toMatch(/✔ Breaking changes declared by a major changeset\./);
    repo.commit('the changeset for dropping 429');
    const committed = await repo.run(['--base', baseCommit]);
    expect(committed.code).toBe(0);
    expect(committed.out).toMatch(
      /added or edited since \w+: drop-429\.md; already at the base, not counted: old-major\.md\./,
    );
  });

  it('says that no changeset is looked at when there is no base at all (no git history)', async () => {
    const fresh = scratchRepo(work, 'repo-fresh-');
    fresh.writeChangeset('major.md', 'major');
    const { code, out } = await fresh.run();
    expect(code).toBe(0);
    expect(out).toMatch(/no base to compare with .*nothing to check, so no changeset is looked at either/);
  });

  it('counts every changeset in the folder when called as a library without a base commit', async () => {
    const base = join(work, 'pending-base.yaml');
    writeFileSync(base, repo.git('show', `${baseCommit}:openapi/koodrive-device.yaml`));
    const revision = join(repo.dir, 'openapi', 'koodrive-device.yaml');
    expect(await diffSpecs(base, revision, repo.dir)).toMatchObject({
      ok: true,
      changesets: ['drop-429.md', 'old-major.md'],
    });
    expect(await diffSpecs(base, revision, repo.dir, { changesetsSince: 'HEAD' })).toMatchObject({
      ok: false,
      declaredBump: undefined,
    });
  });
});
