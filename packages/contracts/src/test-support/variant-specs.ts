import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import * as additiveOptionalField from '../../../integration-tests/fixtures/regenerated/additive-optional-field/generated/schemas.js';
import * as additiveQueryParameter from '../../../integration-tests/fixtures/regenerated/additive-query-parameter/generated/schemas.js';
import * as newDeleteOperation from '../../../integration-tests/fixtures/regenerated/new-delete-operation/generated/schemas.js';
import * as newPostOperation from '../../../integration-tests/fixtures/regenerated/new-post-operation/generated/schemas.js';

/**
 * The spec as data of the regeneration variants (scripts/regeneration-variants.mjs): the spec grown by one edit,
 * run through the real generator by `npm run generate` into packages/integration-tests/fixtures/regenerated.
 */
export const variantSpecData = {
  'additive-optional-field': {
    operationsSpec: additiveOptionalField.operationsSpec,
    schemas: additiveOptionalField.schemas,
  },
  'additive-query-parameter': {
    operationsSpec: additiveQueryParameter.operationsSpec,
    schemas: additiveQueryParameter.schemas,
  },
  'new-delete-operation': { operationsSpec: newDeleteOperation.operationsSpec, schemas: newDeleteOperation.schemas },
  'new-post-operation': { operationsSpec: newPostOperation.operationsSpec, schemas: newPostOperation.schemas },
} as const;

/** The variant's spec file (`koodrive-device.yaml` beside its generated code). */
export function variantSpecFile(name: keyof typeof variantSpecData): string {
  return fileURLToPath(
    new URL(`../../../integration-tests/fixtures/regenerated/${name}/koodrive-device.yaml`, import.meta.url),
  );
}

/**
 * A copy of the variant's spec without the operations at `path`, written into `dir`: a spec that lacks an operation
 * whatever the real spec has grown since (today's may have that operation by now).
 */
export function variantSpecWithout(name: keyof typeof variantSpecData, path: string, dir: string): string {
  const document = parse(readFileSync(variantSpecFile(name), 'utf8')) as { paths: Record<string, unknown> };
  if (!(path in document.paths)) throw new Error(`the variant ${name} has no path ${path}`);
  delete document.paths[path];
  const file = join(dir, `${name}-without-an-operation.yaml`);
  writeFileSync(file, stringify(document));
  return file;
}
