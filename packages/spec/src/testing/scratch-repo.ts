import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSpecDiffCli } from '../spec-diff/cli.js';

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
};

/** A throwaway git repository under `parent` with `openapi/` and `.changeset/README.md`, and the CLI run in it. */
export function scratchRepo(parent: string, prefix: string) {
  const dir = mkdtempSync(join(parent, prefix));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: dir, env: gitEnv, encoding: 'utf8' }).trim();
  git('init', '--quiet', '--initial-branch=main');
  mkdirSync(join(dir, 'openapi'));
  mkdirSync(join(dir, '.changeset'));
  writeFileSync(join(dir, '.changeset', 'README.md'), '# Changesets\n');
  return {
    dir,
    git,
    /** Writes `.changeset/<name>` bumping the client by `bump`. */
    writeChangeset(name: string, bump: string) {
      writeFileSync(join(dir, '.changeset', name), `---\n"@koodrive-device/client": ${bump}\n---\n\n${name}\n`);
    },
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

export type ScratchRepo = ReturnType<typeof scratchRepo>;
