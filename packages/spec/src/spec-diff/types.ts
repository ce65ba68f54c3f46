/** The published package whose version must follow the spec: its code is generated from it. */
export const CLIENT_PACKAGE = '@koodrive-device/client';

export type Bump = 'major' | 'minor' | 'patch';

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
  /** `file:line` of the changed node's key (the revision's, or the base's for a removal). */
  source: string;
};

export type BreakingChange = { kind: BreakingKind; rule: string; message: string } & ChangeLocation;
export type CompatibleChange = {
  kind: 'added' | 'removed' | 'modified';
  impact: Bump;
  message: string;
} & ChangeLocation;

/** What changed between two versions of the spec, before any changeset is looked at. */
export type SpecComparison = {
  breaking: BreakingChange[];
  compatible: CompatibleChange[];
  /** The smallest client version bump these changes call for; undefined when nothing changed. */
  requiredBump: Bump | undefined;
};

/** One `.changeset/*.md` file: its name and the bump it gives each package. */
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
