import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const execFileAsync = promisify(execFile);

/** The published package whose version must follow the spec: its code is generated from it. */
export const CLIENT_PACKAGE = '@koodrive-device/client';

/** The spec's path inside the repository, as `git show <ref>:<path>` wants it. */
export const SPEC_REPO_PATH = 'openapi/koodrive-device.yaml';

/** `redocly diff` configuration of the gate (extends `diff-recommended`). */
export const diffConfigPath: string = fileURLToPath(new URL('../redocly-diff.yaml', import.meta.url));

export type Bump = 'major' | 'minor' | 'patch';
type Impact = Bump;

/**
 * What a breaking change is, in words a reviewer knows. The named kinds are the ones the gate must catch;
 * any other major verdict of `redocly diff` keeps its rule id as its kind (`operation-removed`, ...).
 */
export type BreakingKind =
  | 'removed-field'
  | 'renamed-field'
  | 'changed-type'
  | 'new-required-header'
  | 'new-required-parameter'
  | 'removed-response'
  | 'narrowed-enum'
  | (string & {});

export type ChangeLocation = {
  /** Where the change shows in the API, e.g. `GET /koodrive/ose/v1/backup/device 200 body data[].machineCode`. */
  where: string;
  /** JSON pointer through the operation, as `redocly diff` reports it. */
  path: string;
  /** `file:line` of the changed node (the revision's, or the base's for a removal). */
  source: string;
};

export type BreakingChange = { kind: BreakingKind; rule: string; message: string } & ChangeLocation;
export type CompatibleChange = {
  kind: 'added' | 'removed' | 'modified';
  impact: Impact;
  message: string;
} & ChangeLocation;

/** What changed between two versions of the spec, before any changeset is looked at. */
export type SpecComparison = {
  breaking: BreakingChange[];
  compatible: CompatibleChange[];
  /** The smallest client version bump these changes call for; undefined when nothing changed. */
  requiredBump: Bump | undefined;
};

export type Changeset = { file: string; releases: Record<string, Bump | 'none'> };

export type SpecDiffResult = SpecComparison & {
  /** A changeset bumps `@koodrive-device/client` by a major version: breaking changes are declared. */
  declared: boolean;
  /** The largest bump of `@koodrive-device/client` among the changesets (undefined: none bumps it). */
  declaredBump: Bump | undefined;
  /** The changeset files (names) that bump the client. */
  changesets: string[];
  /**
   * True when the gate passes: no change at all; or breaking changes with a major client changeset; or only
   * compatible changes with a client changeset of any bump (every spec change carries a client version bump).
   */
  ok: boolean;
  /** Why the gate fails, one sentence; undefined when ok. */
  reason: string | undefined;
};

/** A problem with the gate's input (a spec, a changeset, a git ref), never a verdict on the change. */
export class SpecDiffError extends Error {
  override name = 'SpecDiffError';
}

const BUMP_RANK: Record<Bump | 'none', number> = { none: 0, patch: 1, minor: 2, major: 3 };

// ---------------------------------------------------------------------------------------------------------
// redocly diff

type RedoclyLocation = { file: string; pointer: string; line: number; col: number };
type RedoclyChange = {
  path: string;
  typeName: string;
  kind: 'added' | 'removed' | 'modified';
  impact: Impact;
  property?: string;
  verdicts: { ruleId: string; impact: Impact; message: string; location: RedoclyLocation }[];
  base?: RedoclyLocation & { value: unknown };
  revision?: RedoclyLocation & { value: unknown };
};
type RedoclyReport = { changes: RedoclyChange[] };

function redoclyBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
}

async function runRedoclyDiff(basePath: string, revisionPath: string, cwd: string): Promise<RedoclyReport> {
  for (const path of [basePath, revisionPath]) {
    if (!existsSync(path)) throw new SpecDiffError(`The spec ${path} does not exist.`);
    let document: unknown;
    try {
      document = parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new SpecDiffError(`The spec ${path} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    }
    if (typeof document !== 'object' || document === null || !('openapi' in document)) {
      throw new SpecDiffError(`The spec ${path} is not an OpenAPI document (no \`openapi\` key).`);
    }
  }
  const args = [redoclyBin(), 'diff', basePath, revisionPath, '--config', diffConfigPath];
  args.push('--format', 'json', '--fail-on', 'none', '--lint-config', 'off');
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync(process.execPath, args, {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    }));
  } catch (error) {
    const { stderr = '', stdout: out = '' } = error as { stderr?: string; stdout?: string };
    const lines = `${out}\n${stderr}`.split('\n').map((line) => line.trim());
    // The first `Error: ...` line says what is wrong; the stack and the Node version banner do not.
    const reason =
      lines.find((line) => /^\w*Error: /.test(line)) ??
      lines.filter((line) => line !== '' && !/^at |[║╔╚]/.test(line)).at(-1) ??
      'no output';
    throw new SpecDiffError(`redocly diff could not compare ${basePath} with ${revisionPath}: ${reason}`);
  }
  try {
    return JSON.parse(stdout.slice(stdout.indexOf('{'))) as RedoclyReport;
  } catch {
    throw new SpecDiffError(`redocly diff printed no JSON report for ${basePath} vs ${revisionPath}.`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Locations

function pointerSegments(pointer: string): string[] {
  return pointer
    .replace(/^#\/?/, '')
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decodeURIComponent(segment).replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** `#/paths/~1a/get/responses/200/content/application~1json/schema/properties/data/items/properties/x` → readable. */
export function describePointer(pointer: string): string {
  const segments = pointerSegments(pointer);
  const words: string[] = [];
  let i = 0;
  if (segments[0] === 'paths' && segments.length >= 3) {
    words.push(`${segments[2]?.toUpperCase()} ${segments[1]}`);
    i = 3;
  } else if (segments[0] === 'components' && segments.length >= 3) {
    words.push(`components.${segments[1]}.${segments[2]}`);
    i = 3;
  }
  let field = '';
  const flushField = () => {
    if (field !== '') words.push(field);
    field = '';
  };
  while (i < segments.length) {
    const segment = segments[i] as string;
    const next = segments[i + 1];
    if (segment === 'responses' && next !== undefined) {
      flushField();
      words.push(next);
      i += 2;
    } else if (segment === 'content' && next !== undefined) {
      i += 2; // the media type adds nothing for a one-media-type API
    } else if (segment === 'schema') {
      flushField();
      words.push('body');
      i += 1;
    } else if (segment === 'properties' && next !== undefined) {
      field = field === '' ? next : `${field}.${next}`;
      i += 2;
    } else if (segment === 'items') {
      field = `${field}[]`;
      i += 1;
    } else if (segment === 'parameters' && next !== undefined) {
      flushField();
      words.push(`parameter #${next}`);
      i += 2;
    } else if (segment === 'headers' && next !== undefined) {
      flushField();
      words.push(`header ${next}`);
      i += 2;
    } else {
      flushField();
      words.push(segment);
      i += 1;
    }
  }
  flushField();
  return words.join(' ') || '(document)';
}

function locate(change: RedoclyChange, labels: Map<string, string>, cwd: string): ChangeLocation {
  const node = change.kind === 'removed' ? change.base : change.revision;
  let where = describePointer(change.path);
  const value = (change.revision ?? change.base)?.value;
  if (change.typeName === 'Parameter' && typeof value === 'object' && value !== null) {
    const parameter = value as { name?: unknown; in?: unknown };
    where = where.replace(/parameter #\d+/, `${String(parameter.in)} parameter ${String(parameter.name)}`);
  }
  if (change.kind === 'modified' && change.property !== undefined && change.property !== 'key') {
    where = `${where} (${change.property})`;
  }
  const file = node === undefined ? '?' : (labels.get(resolve(cwd, node.file)) ?? node.file);
  return { where, path: change.path, source: node === undefined ? '?' : `${file}:${node.line}` };
}

// ---------------------------------------------------------------------------------------------------------
// Verdicts

function parameterIn(change: RedoclyChange): string | undefined {
  const value = change.revision?.value;
  if (typeof value === 'object' && value !== null && 'in' in value) return String(value.in);
  return undefined;
}

function kindOf(ruleId: string, message: string, change: RedoclyChange): BreakingKind {
  switch (ruleId) {
    case 'property-removed':
      return / renamed to /.test(message) ? 'renamed-field' : 'removed-field';
    case 'schema-type-changed':
      return 'changed-type';
    case 'parameter-became-required':
      return (parameterIn(change) ?? (/ header parameter /.test(message) ? 'header' : '')) === 'header'
        ? 'new-required-header'
        : 'new-required-parameter';
    case 'response-removed':
      return 'removed-response';
    case 'enum-values-removed':
      return 'narrowed-enum';
    case 'required-properties-removed':
      return 'field-no-longer-required';
    case 'required-properties-added':
      return 'field-became-required';
    case 'schema-constraint-changed':
      return 'changed-constraint';
    default:
      return ruleId;
  }
}

/** The values an enum change drops, or that a newly added enum leaves out (all of them: any string was fine). */
function narrowedEnum(change: RedoclyChange): string | undefined {
  if (change.kind !== 'modified' || change.property !== 'enum') return undefined;
  const before = change.base?.value;
  const after = change.revision?.value;
  if (!Array.isArray(after)) return undefined; // enum removed: every value is allowed now (wider)
  const name = pointerSegments(change.path).at(-1) ?? 'the schema';
  if (!Array.isArray(before)) {
    return `\`${name}\` gained an enum (${after.map((v) => JSON.stringify(v)).join(', ')}): values it allowed before are now invalid.`;
  }
  const dropped = before.filter((value) => !after.some((kept) => JSON.stringify(kept) === JSON.stringify(value)));
  if (dropped.length === 0) return undefined;
  return `Enum of \`${name}\` lost values: ${dropped.map((v) => JSON.stringify(v)).join(', ')}.`;
}

function modifiedMessage(change: RedoclyChange): string {
  if (change.kind !== 'modified') return change.kind;
  return `${change.property ?? 'value'} changed`;
}

function classify(report: RedoclyReport, labels: Map<string, string>, cwd: string): SpecComparison {
  const breaking: BreakingChange[] = [];
  const compatible: CompatibleChange[] = [];
  let minor = false;
  for (const change of report.changes) {
    const location = locate(change, labels, cwd);
    const found: BreakingChange[] = change.verdicts
      .filter((verdict) => verdict.impact === 'major')
      .map((verdict) => ({
        kind: kindOf(verdict.ruleId, verdict.message, change),
        rule: verdict.ruleId,
        message: verdict.message,
        ...location,
      }));
    // redocly diff rates a response enum that loses values as compatible (a reader sees fewer values), but the
    // generated client drops the enum member and code naming it stops compiling: narrowed anywhere is breaking.
    const narrowed = narrowedEnum(change);
    if (narrowed !== undefined && !found.some((entry) => entry.kind === 'narrowed-enum')) {
      const others = found.filter(
        (entry) => !entry.rule.startsWith('enum-') && entry.rule !== 'schema-constraint-changed',
      );
      found.length = 0;
      found.push(...others, { kind: 'narrowed-enum', rule: 'spec-diff/enum-narrowed', message: narrowed, ...location });
    }
    if (found.length > 0) {
      breaking.push(...found);
      continue;
    }
    if (change.impact === 'minor') minor = true;
    compatible.push({
      kind: change.kind,
      impact: change.impact === 'major' ? 'minor' : change.impact,
      message: modifiedMessage(change),
      ...location,
    });
  }
  const requiredBump: Bump | undefined =
    breaking.length > 0 ? 'major' : minor ? 'minor' : compatible.length > 0 ? 'patch' : undefined;
  return { breaking, compatible, requiredBump };
}

/**
 * Compares two spec files with `redocly diff` (rules: `diff-recommended`) plus the gate's own narrowed-enum
 * check. `labels` names the files in locations (`origin/main:openapi/koodrive-device.yaml`); paths are shown
 * relative to `cwd` otherwise.
 */
export async function compareSpecs(
  basePath: string,
  revisionPath: string,
  options: { cwd?: string; baseLabel?: string; revisionLabel?: string } = {},
): Promise<SpecComparison> {
  const cwd = options.cwd ?? process.cwd();
  const base = resolve(cwd, basePath);
  const revision = resolve(cwd, revisionPath);
  const labels = new Map([
    [base, options.baseLabel ?? relative(cwd, base)],
    [revision, options.revisionLabel ?? relative(cwd, revision)],
  ]);
  return classify(await runRedoclyDiff(base, revision, cwd), labels, cwd);
}

// ---------------------------------------------------------------------------------------------------------
// Changesets

const FRONT_MATTER = /^---\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

function isChangesetFile(name: string): boolean {
  return name.endsWith('.md') && name.toLowerCase() !== 'readme.md';
}

/**
 * Reads `.changeset/*.md` (README.md excluded); a malformed changeset is an error naming the file.
 * `only`: the file names to read (the changesets a change adds); the others are not read at all. Without it,
 * every changeset in the folder counts.
 */
export function readChangesets(changesetsDir: string, options: { only?: readonly string[] } = {}): Changeset[] {
  if (!existsSync(changesetsDir)) return [];
  const only = options.only === undefined ? undefined : new Set(options.only);
  const changesets: Changeset[] = [];
  for (const name of readdirSync(changesetsDir).sort()) {
    if (!isChangesetFile(name) || (only !== undefined && !only.has(name))) continue;
    const text = readFileSync(join(changesetsDir, name), 'utf8');
    const match = FRONT_MATTER.exec(text);
    if (match === null) {
      throw new SpecDiffError(`.changeset/${name} has no front matter (--- "package": bump --- then a summary).`);
    }
    let parsed: unknown;
    try {
      parsed = parse(match[1] ?? '');
    } catch (error) {
      throw new SpecDiffError(`.changeset/${name} front matter is not YAML: ${(error as Error).message}`);
    }
    const releases: Record<string, Bump | 'none'> = {};
    if (parsed !== null && parsed !== undefined) {
      if (typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new SpecDiffError(`.changeset/${name} front matter must map package names to bumps.`);
      }
      for (const [pkg, bump] of Object.entries(parsed)) {
        if (bump !== 'major' && bump !== 'minor' && bump !== 'patch' && bump !== 'none') {
          throw new SpecDiffError(
            `.changeset/${name} bumps ${pkg} by ${JSON.stringify(bump)}; use major, minor, patch or none.`,
          );
        }
        releases[pkg] = bump;
      }
    }
    changesets.push({ file: name, releases });
  }
  return changesets;
}

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
 * The gate as a library function: compares two spec files and reads the changesets.
 * `ok` is false for undeclared breaking changes, and for any spec change that no changeset bumps the client for.
 * `changesetFiles`: only these changesets count (the CLI passes the ones added since the base commit, see
 * `changesetsAddedSince`); without it, every changeset in `changesetsDir` counts.
 */
export async function diffSpecs(
  basePath: string,
  revisionPath: string,
  changesetsDir: string,
  options: { cwd?: string; baseLabel?: string; revisionLabel?: string; changesetFiles?: readonly string[] } = {},
): Promise<SpecDiffResult> {
  const { changesetFiles, ...compareOptions } = options;
  // First: a malformed changeset fails before the slow diff.
  const changesets = readChangesets(changesetsDir, changesetFiles === undefined ? {} : { only: changesetFiles });
  return judge(await compareSpecs(basePath, revisionPath, compareOptions), changesets);
}

/** One line per change, breaking first, then the verdict. */
export function formatReport(result: SpecDiffResult, heading: string): string {
  const lines = [heading];
  if (result.breaking.length === 0 && result.compatible.length === 0) lines.push('  No changes to the API.');
  const width = Math.max(0, ...result.breaking.map((change) => change.kind.length));
  for (const change of result.breaking) {
    lines.push(`  ✖ BREAKING ${change.kind.padEnd(width)}  ${change.where}: ${change.message}  [${change.source}]`);
  }
  for (const change of result.compatible) {
    lines.push(`  · ${change.impact.padEnd(5)} ${change.kind.padEnd(8)}  ${change.where}  [${change.source}]`);
  }
  const bumps = result.declaredBump === undefined ? 'none' : `${result.declaredBump} (${result.changesets.join(', ')})`;
  lines.push(
    `  ${result.breaking.length} breaking, ${result.compatible.length} compatible; required client bump: ${result.requiredBump ?? 'none'}; declared: ${bumps}.`,
  );
  if (result.ok) {
    lines.push(
      result.breaking.length > 0 ? '✔ Breaking changes declared by a major changeset.' : '✔ spec:diff passed.',
    );
  } else {
    lines.push(`✖ spec:diff failed: ${result.reason}`);
    if (result.breaking.length > 0) {
      lines.push(
        `  If the break is intended, add a changeset (npx changeset) bumping "${CLIENT_PACKAGE}": major, saying what callers must change.`,
      );
    } else {
      lines.push(
        `  Add a changeset (npx changeset) bumping "${CLIENT_PACKAGE}": ${result.requiredBump ?? 'patch'} that says what changed.`,
      );
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Git base and the CLI

async function git(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await execFileAsync('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch {
    return undefined;
  }
}

async function commitOf(cwd: string, ref: string): Promise<string | undefined> {
  return (await git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]))?.trim() || undefined;
}

export type BaseRef = { ref: string; commit: string; why: string };

/** The changesets folder's path inside the repository. */
export const CHANGESET_REPO_DIR = '.changeset';

/**
 * Which changesets a change adds: the `.changeset/*.md` files (README.md excluded) in the working tree, committed
 * or not, that the base commit does not have. Pending changesets of earlier pull requests are already at the
 * base, so they declare nothing about this diff. `added` and `preexisting` are sorted file names; undefined when
 * git cannot list the base commit's folder.
 */
export async function changesetsAddedSince(
  repoRoot: string,
  baseCommit: string,
): Promise<{ added: string[]; preexisting: string[] } | undefined> {
  const listing = await git(repoRoot, ['ls-tree', '-z', '--name-only', baseCommit, '--', `${CHANGESET_REPO_DIR}/`]);
  if (listing === undefined) return undefined;
  const atBase = new Set(
    listing
      .split('\0')
      .filter((path) => path !== '')
      .map((path) => basename(path)),
  );
  const dir = join(repoRoot, CHANGESET_REPO_DIR);
  const present = existsSync(dir) ? readdirSync(dir).filter(isChangesetFile).sort() : [];
  return {
    added: present.filter((name) => !atBase.has(name)),
    preexisting: present.filter((name) => atBase.has(name)),
  };
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

/** `npm run spec:diff`: returns the exit code (0 pass or nothing to compare, 1 gate failed, 2 bad input). */
export async function runSpecDiffCli(options: CliOptions): Promise<number> {
  const out = options.out ?? ((line: string) => console.log(line));
  const err = options.err ?? ((line: string) => console.error(line));
  const env = options.env ?? process.env;
  let requested = env.SPEC_DIFF_BASE;
  const argv = [...options.argv];
  while (argv.length > 0) {
    const arg = argv.shift() as string;
    if (arg === '--help' || arg === '-h') {
      out(USAGE);
      return 0;
    }
    if (arg === '--base' && argv.length > 0) requested = argv.shift();
    else if (arg.startsWith('--base=')) requested = arg.slice('--base='.length);
    else {
      err(`Unknown argument ${arg}.\n${USAGE}`);
      return 2;
    }
  }
  const specFile = join(options.repoRoot, SPEC_REPO_PATH);
  const work = mkdtempSync(join(tmpdir(), 'spec-diff-'));
  try {
    const base = await resolveBase(options.repoRoot, requested);
    if (base === undefined) {
      out(
        'spec:diff: no base to compare with (no origin/main, no previous commit); nothing to check, ' +
          'so no changeset is looked at either.',
      );
      return 0;
    }
    const label = `${base.ref}:${SPEC_REPO_PATH}`;
    const text = await git(options.repoRoot, ['show', `${base.commit}:${SPEC_REPO_PATH}`]);
    if (text === undefined) {
      out(`spec:diff: ${label} does not exist (base ${base.commit.slice(0, 12)}); nothing to compare.`);
      return 0;
    }
    const basePath = join(work, basename(SPEC_REPO_PATH));
    writeFileSync(basePath, text);
    const changesetFiles = await changesetsAddedSince(options.repoRoot, base.commit);
    const result = await diffSpecs(basePath, specFile, join(options.repoRoot, CHANGESET_REPO_DIR), {
      cwd: options.repoRoot,
      baseLabel: label,
      revisionLabel: SPEC_REPO_PATH,
      ...(changesetFiles === undefined ? {} : { changesetFiles: changesetFiles.added }),
    });
    const headings = [`spec:diff ${label} (${base.commit.slice(0, 12)}, ${base.why}) → ${SPEC_REPO_PATH}`];
    if (changesetFiles === undefined) {
      headings.push(
        `  Changesets: could not list ${CHANGESET_REPO_DIR}/ at ${base.commit.slice(0, 12)}; every changeset in ${CHANGESET_REPO_DIR}/ counts.`,
      );
    } else {
      const names = (files: string[]) => (files.length === 0 ? 'none' : files.join(', '));
      headings.push(
        `  Changesets added since ${base.ref}: ${names(changesetFiles.added)}; already at the base, not counted: ${names(changesetFiles.preexisting)}.`,
      );
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
