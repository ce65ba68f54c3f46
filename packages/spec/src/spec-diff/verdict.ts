import { readChangesets } from './changesets.js';
import { compareSpecs } from './classify.js';
import { type Bump, type Changeset, CLIENT_PACKAGE, type SpecComparison, type SpecDiffResult } from './types.js';

const BUMP_RANK: Record<Bump | 'none', number> = { none: 0, patch: 1, minor: 2, major: 3 };

/** Applies the changesets to a comparison: is every change covered by a bump of the client? */
export function judge(comparison: SpecComparison, changesets: Changeset[]): SpecDiffResult {
  let declaredBump: Bump | undefined;
  const files: string[] = [];
  for (const changeset of changesets) {
    const bump = changeset.releases[CLIENT_PACKAGE];
    if (bump === undefined || bump === 'none') continue;
    files.push(changeset.file);
    if (declaredBump === undefined || BUMP_RANK[bump] > BUMP_RANK[declaredBump]) declaredBump = bump;
  }
  const declared = declaredBump === 'major';
  let reason: string | undefined;
  if (comparison.breaking.length > 0 && !declared) {
    reason = `${comparison.breaking.length} breaking change(s) and no changeset bumping ${CLIENT_PACKAGE} by a major version.`;
  } else if (comparison.requiredBump !== undefined && declaredBump === undefined) {
    reason = `The spec changed and no changeset bumps ${CLIENT_PACKAGE} (suggested: ${comparison.requiredBump}).`;
  }
  return { ...comparison, declared, declaredBump, changesets: files, ok: reason === undefined, reason };
}

/**
 * The gate as a library function: compares two spec files and reads the changesets of `repoRoot/.changeset/`.
 * `ok` is false for undeclared breaking changes, and for any spec change that no changeset bumps the client for.
 * `changesetsSince`: only changesets git shows as added since this commit count (the CLI passes the base);
 * without it, every changeset in the folder counts.
 */
export async function diffSpecs(
  basePath: string,
  revisionPath: string,
  repoRoot: string,
  options: { cwd?: string; baseLabel?: string; revisionLabel?: string; changesetsSince?: string } = {},
): Promise<SpecDiffResult> {
  const { changesetsSince, ...compareOptions } = options;
  // First: a malformed changeset fails before the slow diff.
  const changesets = await readChangesets(repoRoot, changesetsSince === undefined ? {} : { since: changesetsSince });
  return judge(await compareSpecs(basePath, revisionPath, compareOptions), changesets);
}
