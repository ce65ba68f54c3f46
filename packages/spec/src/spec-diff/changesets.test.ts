import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchRepo } from '../testing/scratch-repo.js';
import { readChangesets, untrackedChangesets } from './changesets.js';
import { SpecDiffError } from './types.js';

const work = mkdtempSync(join(tmpdir(), 'spec-diff-changesets-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A folder holding `.changeset/` with these files; returns the folder (the "repository root"). */
function withChangesets(files: Record<string, string>): string {
  const root = mkdtempSync(join(work, 'root-'));
  mkdirSync(join(root, '.changeset'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, '.changeset', name), text);
  return root;
}

describe('readChangesets', () => {
  it('reads the bumps from front matter, skipping README.md and config.json', async () => {
    const root = withChangesets({
      'README.md': '---\n"@koodrive-device/client": major\n---\nnot a changeset\n',
      'config.json': '{}',
      'brave-owls-sing.md':
        '---\n"@koodrive-device/client": major\n\'@koodrive-device/mocks\': minor\n---\n\nRenamed.\n',
      'empty.md': '---\n---\n\nNothing to release.\n',
    });
    expect(await readChangesets(root)).toEqual([
      {
        file: 'brave-owls-sing.md',
        releases: { '@koodrive-device/client': 'major', '@koodrive-device/mocks': 'minor' },
      },
      { file: 'empty.md', releases: {} },
    ]);
  });

  it('reads nothing, and fails on nothing, when there is no .changeset folder', async () => {
    expect(await readChangesets(join(work, 'no-such-root'))).toEqual([]);
  });

  it('rejects a changeset without front matter or with an unknown bump, naming the file', async () => {
    const noFrontMatter = withChangesets({ 'ok.md': '---\n"x": patch\n---\n\nfine\n', 'a.md': 'just text\n' });
    await expect(readChangesets(noFrontMatter)).rejects.toThrow(SpecDiffError);
    await expect(readChangesets(noFrontMatter)).rejects.toThrow(/^\.changeset\/a\.md: could not parse changeset/);
    await expect(
      readChangesets(withChangesets({ 'b.md': '---\n"@koodrive-device/client": huge\n---\n' })),
    ).rejects.toThrow(/\.changeset\/b\.md: .*invalid version type "huge"/);
  });

  it('reads only the changesets git shows as added since a commit, and lists untracked ones apart', async () => {
    const repo = scratchRepo(work, 'since-');
    repo.writeChangeset('old-major.md', 'major');
    writeFileSync(join(repo.dir, '.changeset', 'old-broken.md'), 'no front matter at all\n');
    const base = repo.commit('an earlier pull request');
    repo.writeChangeset('committed.md', 'minor');
    repo.commit('this change');
    repo.writeChangeset('staged.md', 'patch');
    repo.git('add', '.changeset/staged.md');
    repo.writeChangeset('untracked.md', 'patch');

    expect((await readChangesets(repo.dir, { since: base })).map((changeset) => changeset.file)).toEqual([
      'committed.md',
      'staged.md',
    ]);
    expect(await untrackedChangesets(repo.dir)).toEqual(['untracked.md']);
    // Without `since` every changeset counts, so the old broken one is read and named.
    await expect(readChangesets(repo.dir)).rejects.toThrow(/old-broken\.md/);
  });
});
