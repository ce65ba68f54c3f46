import { CLIENT_PACKAGE, type SpecDiffResult } from './types.js';

const HOW = '(how: CONTRIBUTING.md, "Add a changeset")';

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
        `  If the break is intended, add a changeset bumping "${CLIENT_PACKAGE}": major that says what callers must change ${HOW}.`,
      );
    } else {
      lines.push(
        `  Add a changeset bumping "${CLIENT_PACKAGE}": ${result.requiredBump ?? 'patch'} that says what changed ${HOW}.`,
      );
    }
  }
  return lines.join('\n');
}
