// Two edits a spec author makes every day, applied to a copy of openapi/koodrive-device.yaml. `npm run generate`
// runs the real generator on each and commits the output under packages/integration-tests/fixtures/regenerated/,
// and `npm run generate:check` keeps that output in step; regeneration.test.ts then shows, without Java, what
// each edit does to the packages' callers.
import { parse, stringify } from 'yaml';

function device(document) {
  return document.components.schemas.BoundDeviceEntity;
}

/** The field the additive variant adds to BoundDeviceEntity (tests in other languages read it from here). */
export const ADDED_OPTIONAL_FIELD = 'deviceModel';
/** The required field the breaking variant renames, and its new name. */
export const RENAMED_REQUIRED_FIELD = Object.freeze({ from: 'machineCode', to: 'machineKode' });

/** The variants, by folder name: what they change, and the change itself (on the parsed spec). */
export const regenerationVariants = {
  'additive-optional-field': {
    change: `BoundDeviceEntity gains an optional string ${ADDED_OPTIONAL_FIELD} (with an example)`,
    apply(document) {
      device(document).properties[ADDED_OPTIONAL_FIELD] = {
        type: 'string',
        description: 'Device model (a made-up addition for the regeneration test).',
        example: 'MGI-AN00',
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
