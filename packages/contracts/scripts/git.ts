import { execFileSync } from 'node:child_process';

function git(args: string[]): string | undefined {
  try {
    const out = execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return out === '' ? undefined : out;
  } catch {
    return undefined;
  }
}

/** The current commit (short SHA), the version to give the broker; `0.0.0-local` outside git. */
export function gitVersion(): string {
  return git(['rev-parse', '--short', 'HEAD']) ?? '0.0.0-local';
}

/** The current branch, if any. */
export function gitBranch(): string | undefined {
  const branch = git(['rev-parse', '--abbrev-ref', 'HEAD']);
  return branch === 'HEAD' ? undefined : branch;
}
