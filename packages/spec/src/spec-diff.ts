// `@koodrive-device/spec/spec-diff`: the breaking-change gate of `npm run spec:diff`, one file per job in
// ./spec-diff/: redocly-diff (the `redocly diff` call), locate + classify (what changed and where), changesets
// (@changesets/read), verdict (changesets against changes), base (which commit to compare with), report, cli.
export { type BaseRef, resolveBase } from './spec-diff/base.js';
export { CHANGESET_REPO_DIR, readChangesets, untrackedChangesets } from './spec-diff/changesets.js';
export { classify, compareSpecs } from './spec-diff/classify.js';
export { type CliOptions, runSpecDiffCli, SPEC_REPO_PATH } from './spec-diff/cli.js';
export { describePointer, keyLine } from './spec-diff/locate.js';
export { diffConfigPath } from './spec-diff/redocly-diff.js';
export { formatReport } from './spec-diff/report.js';
export {
  type BreakingChange,
  type BreakingKind,
  type Bump,
  type ChangeLocation,
  type Changeset,
  CLIENT_PACKAGE,
  type CompatibleChange,
  type SpecComparison,
  SpecDiffError,
  type SpecDiffResult,
} from './spec-diff/types.js';
export { diffSpecs, judge } from './spec-diff/verdict.js';
