import { relative, resolve } from 'node:path';
import { locate, type ParsedFile, pointerSegments } from './locate.js';
import { type RedoclyChange, type RedoclyReport, runRedoclyDiff } from './redocly-diff.js';
import type { BreakingChange, BreakingKind, Bump, CompatibleChange, SpecComparison } from './types.js';

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

/** Sorts `redocly diff`'s changes into breaking and compatible ones, and the client bump they call for. */
export function classify(report: RedoclyReport, labels: Map<string, string>, cwd: string): SpecComparison {
  const breaking: BreakingChange[] = [];
  const compatible: CompatibleChange[] = [];
  const parsed = new Map<string, ParsedFile>();
  let minor = false;
  for (const change of report.changes) {
    const location = locate(change, labels, cwd, parsed);
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
