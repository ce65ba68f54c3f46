// Two edits a spec author makes every day, applied to a copy of openapi/koodrive-device.yaml. `npm run generate`
// runs the real generator on each and commits the output under packages/integration-tests/fixtures/regenerated/,
// and `npm run generate:check` keeps that output in step; regeneration.test.ts then shows, without Java, what
// each edit does to the packages' callers.
import { parse, stringify } from 'yaml';

function device(document) {
  return document.components.schemas.BoundDeviceEntity;
}

/**
 * The fields the additive variant may add, in this order: it takes the first one the spec does not have yet, so
 * the variant stays an addition when the real spec gains one of them (deviceModel is the likeliest next field).
 */
export const ADDITIVE_CANDIDATES = [
  { name: 'deviceModel', example: 'MGI-AN00' },
  { name: 'deviceBrand', example: 'HONOR' },
  { name: 'firmwareVersion', example: 'MagicOS 9.0.0.148' },
];

/** The candidate field the additive variant adds to `document` (a parsed spec). */
export function additiveField(document) {
  const taken = new Set(Object.keys(device(document).properties));
  const field = ADDITIVE_CANDIDATES.find((candidate) => !taken.has(candidate.name));
  if (field === undefined) throw new Error('The spec already has every candidate field of the additive variant');
  return field;
}

/** The required field the breaking variant renames, and its new name. */
export const RENAMED_REQUIRED_FIELD = Object.freeze({ from: 'machineCode', to: 'machineKode' });

/** The variants, by folder name: what they change, and the change itself (on the parsed spec). */
export const regenerationVariants = {
  'additive-optional-field': {
    change: 'BoundDeviceEntity gains an optional string field it does not have yet (with an example)',
    apply(document) {
      const { name, example } = additiveField(document);
      device(document).properties[name] = {
        type: 'string',
        description: 'A made-up addition for the regeneration test.',
        example,
      };
    },
  },
  'renamed-required-field': {
    change: `BoundDeviceEntity.${RENAMED_REQUIRED_FIELD.from} is renamed ${RENAMED_REQUIRED_FIELD.to}`,
    apply(document) {
      const schema = device(document);
      const properties = {};
      for (const [name, value] of Object.entries(schema.properties)) {
        properties[name === RENAMED_REQUIRED_FIELD.from ? RENAMED_REQUIRED_FIELD.to : name] = value;
      }
      schema.properties = properties;
      schema.required = schema.required.map((name) =>
        name === RENAMED_REQUIRED_FIELD.from ? RENAMED_REQUIRED_FIELD.to : name,
      );
    },
  },
};

/** The spec text with the variant applied. */
export function variantSpec(specText, name) {
  const variant = regenerationVariants[name];
  if (variant === undefined) throw new Error(`No regeneration variant ${name}`);
  const document = parse(specText);
  variant.apply(document);
  return stringify(document, { lineWidth: 0 });
}
