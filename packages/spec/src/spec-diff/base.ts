import { git } from './git.js';
import { SpecDiffError } from './types.js';

export type BaseRef = { ref: string; commit: string; why: string };

async function commitOf(cwd: string, ref: string): Promise<string | undefined> {
  return (await git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]))?.trim() || undefined;
}

/**
 * The commit to compare against. An explicit ref (`--base`, `SPEC_DIFF_BASE`) must exist. Otherwise: the
 * merge-base of HEAD and origin/main when HEAD is not already on origin/main (a branch: what it changes); else
 * HEAD~1 (main itself: what the last commit changed); else undefined (a first commit or a shallow clone).
 */
export async function resolveBase(cwd: string, requested?: string): Promise<BaseRef | undefined> {
  if (requested !== undefined && requested !== '') {
    const commit = await commitOf(cwd, requested);
    if (commit === undefined) throw new SpecDiffError(`The base ref ${requested} does not name a commit here.`);
    return { ref: requested, commit, why: 'as requested' };
  }
  const head = await commitOf(cwd, 'HEAD');
  if (head === undefined) return undefined;
  if ((await commitOf(cwd, 'origin/main')) !== undefined) {
    const mergeBase = (await git(cwd, ['merge-base', 'HEAD', 'origin/main']))?.trim();
    if (mergeBase !== undefined && mergeBase !== '' && mergeBase !== head) {
      return { ref: 'origin/main', commit: mergeBase, why: 'merge-base of HEAD and origin/main' };
    }
  }
  const parent = await commitOf(cwd, 'HEAD~1');
  if (parent !== undefined) return { ref: 'HEAD~1', commit: parent, why: 'the previous commit' };
  return undefined;
}

/** A file's text at a commit (`git show <commit>:<path>`); undefined when the commit does not have it. */
export function fileAt(cwd: string, commit: string, repoPath: string): Promise<string | undefined> {
  return git(cwd, ['show', `${commit}:${repoPath}`]);
}
