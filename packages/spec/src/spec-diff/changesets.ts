import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import parseChangeset from '@changesets/parse';
import readChangesetFiles from '@changesets/read';
import { git } from './git.js';
import { type Changeset, SpecDiffError } from './types.js';

/** The changesets folder's path inside the repository. */
export const CHANGESET_REPO_DIR = '.changeset';

function isChangesetFile(name: string): boolean {
  return name.endsWith('.md') && !/^readme\.md$/i.test(name);
}

/** The first line of a @changesets/parse error (`could not parse changeset - missing or invalid frontmatter.`). */
function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0] ?? '';
}

/** @changesets/read says what is wrong with a changeset, not which one: find it, to name it. */
function malformedChangeset(dir: string, error: unknown): SpecDiffError {
  for (const name of existsSync(dir) ? readdirSync(dir).filter(isChangesetFile).sort() : []) {
    try {
      parseChangeset(readFileSync(join(dir, name), 'utf8'));
    } catch (parseError) {
      return new SpecDiffError(`${CHANGESET_REPO_DIR}/${name}: ${firstLine(parseError)}`);
    }
  }
  return new SpecDiffError(`${CHANGESET_REPO_DIR}/: ${firstLine(error)}`);
}

/**
 * The changesets in `<repoRoot>/.changeset/`, read by @changesets/read (the reader `changeset version` uses).
 * `since`: only those git shows as added since that commit (committed or staged; an untracked file is not
 * counted, as in `changeset status --since`). A malformed changeset is a {@link SpecDiffError} naming the file.
 */
export async function readChangesets(repoRoot: string, options: { since?: string } = {}): Promise<Changeset[]> {
  const dir = join(repoRoot, CHANGESET_REPO_DIR);
  if (!existsSync(dir)) return [];
  let read: Awaited<ReturnType<typeof readChangesetFiles>>;
  try {
    read = await readChangesetFiles(repoRoot, options.since);
  } catch (error) {
    throw malformedChangeset(dir, error);
  }
  return read
    .map((changeset) => ({
      file: `${changeset.id}.md`,
      releases: Object.fromEntries(changeset.releases.map((release) => [release.name, release.type])),
    }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** `.changeset/*.md` files git does not track yet: they count once added (`git add`). */
export async function untrackedChangesets(repoRoot: string): Promise<string[]> {
  const listing = await git(repoRoot, ['ls-files', '-z', '--others', '--exclude-standard', '--', CHANGESET_REPO_DIR]);
  return (listing ?? '')
    .split('\0')
    .map((path) => path.split('/').at(-1) ?? '')
    .filter(isChangesetFile)
    .sort();
}

/** Every changeset file name in `<repoRoot>/.changeset/` (README.md excluded), without reading them. */
export function changesetFileNames(repoRoot: string): string[] {
  const dir = join(repoRoot, CHANGESET_REPO_DIR);
  return existsSync(dir) ? readdirSync(dir).filter(isChangesetFile).sort() : [];
}
