import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileAt, resolveBase } from './base.js';
import { changesetFileNames, readChangesets, untrackedChangesets } from './changesets.js';
import { compareSpecs } from './classify.js';
import { formatReport } from './report.js';
import { CLIENT_PACKAGE, SpecDiffError } from './types.js';
import { judge } from './verdict.js';

/** The spec's path inside the repository, as `git show <ref>:<path>` wants it. */
export const SPEC_REPO_PATH = 'openapi/koodrive-device.yaml';

export type CliOptions = {
  /** The repository root: holds openapi/, .changeset/ and .git. */
  repoRoot: string;
  argv: string[];
  env?: Record<string, string | undefined>;
  out?: (line: string) => void;
  err?: (line: string) => void;
};

const USAGE = `Usage: npm run spec:diff [-- --base <git ref>]
Compares ${SPEC_REPO_PATH} with its version on a base ref (default: merge-base with origin/main, else HEAD~1;
or env SPEC_DIFF_BASE) and fails on breaking changes no changeset declares with "${CLIENT_PACKAGE}": major,
and on any spec change no changeset bumps ${CLIENT_PACKAGE} for. Only changesets added since the base count.`;

type Parsed = { help: true } | { help: false; requested: string | undefined } | { error: string };

function parseArgs(argv: readonly string[], fallback: string | undefined): Parsed {
  let requested = fallback;
  const rest = [...argv];
  while (rest.length > 0) {
    const arg = rest.shift() as string;
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--base' && rest.length > 0) requested = rest.shift();
    else if (arg.startsWith('--base=')) requested = arg.slice('--base='.length);
    else return { error: `Unknown argument ${arg}.` };
  }
  return { help: false, requested };
}

const names = (files: string[]) => (files.length === 0 ? 'none' : files.join(', '));

/** `npm run spec:diff`: returns the exit code (0 pass or nothing to compare, 1 gate failed, 2 bad input). */
export async function runSpecDiffCli(options: CliOptions): Promise<number> {
  const out = options.out ?? ((line: string) => console.log(line));
  const err = options.err ?? ((line: string) => console.error(line));
  const args = parseArgs(options.argv, (options.env ?? process.env).SPEC_DIFF_BASE);
  if ('error' in args) {
    err(`${args.error}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    out(USAGE);
    return 0;
  }
  const { repoRoot } = options;
  const work = mkdtempSync(join(tmpdir(), 'spec-diff-'));
  try {
    const base = await resolveBase(repoRoot, args.requested);
    if (base === undefined) {
      out(
        'spec:diff: no base to compare with (no origin/main, no previous commit); nothing to check, ' +
          'so no changeset is looked at either.',
      );
      return 0;
    }
    const label = `${base.ref}:${SPEC_REPO_PATH}`;
    const short = base.commit.slice(0, 12);
    const text = await fileAt(repoRoot, base.commit, SPEC_REPO_PATH);
    if (text === undefined) {
      out(`spec:diff: ${label} does not exist (base ${short}); nothing to compare.`);
      return 0;
    }
    const basePath = join(work, basename(SPEC_REPO_PATH));
    writeFileSync(basePath, text);
    // Only the changesets this change adds count: pending ones of earlier pull requests are already at the base.
    const changesets = await readChangesets(repoRoot, { since: base.commit });
    const comparison = await compareSpecs(basePath, join(repoRoot, SPEC_REPO_PATH), {
      cwd: repoRoot,
      baseLabel: label,
      revisionLabel: SPEC_REPO_PATH,
    });
    const result = judge(comparison, changesets);
    const added = changesets.map((changeset) => changeset.file);
    const untracked = await untrackedChangesets(repoRoot);
    const atBase = changesetFileNames(repoRoot).filter((name) => !added.includes(name) && !untracked.includes(name));
    const headings = [
      `spec:diff ${label} (${short}, ${base.why}) → ${SPEC_REPO_PATH}`,
      `  Changesets added or edited since ${base.ref}: ${names(added)}; already at the base, not counted: ${names(atBase)}.`,
    ];
    if (untracked.length > 0) {
      headings.push(`  Untracked, not counted until you git add them: ${names(untracked)}.`);
    }
    (result.ok ? out : err)(formatReport(result, headings.join('\n')));
    return result.ok ? 0 : 1;
  } catch (error) {
    if (!(error instanceof SpecDiffError)) throw error;
    err(`spec:diff: ${error.message}`);
    return 2;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
