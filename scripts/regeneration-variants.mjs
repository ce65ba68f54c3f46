// The edits a spec author makes as an API grows (a field, a parameter, an operation) and one breaking edit, applied to a copy of openapi/koodrive-device.yaml. `npm run generate`
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

/** The path of the one device the growth variants add operations on (`deviceId` a path parameter). */
export const DEVICE_ITEM_PATH = '/koodrive/ose/v1/backup/device/{deviceId}';

const DEVICE_ID_PARAMETER = {
  name: 'deviceId',
  in: 'path',
  required: true,
  description: 'A made-up path parameter for the regeneration test: the device to act on.',
  schema: { type: 'string', pattern: '^[0-9]+$' },
  example: '1775406005920779393',
};
const SIGNED_HEADERS = [{ $ref: '#/components/parameters/XUserId' }, { $ref: '#/components/parameters/XDate' }];
const ERROR_RESPONSES = Object.fromEntries(
  [
    ['400', 'BadRequest'],
    ['401', 'Unauthorized'],
    ['403', 'Forbidden'],
    ['429', 'TooManyRequests'],
    ['500', 'InternalServerError'],
    ['503', 'ServiceUnavailable'],
  ].map(([status, name]) => [status, { $ref: `#/components/responses/${name}` }]),
);

/** A 200 answer whose body is `schema` (a components name), with its documented example. */
function okResponse(schema, example) {
  return {
    description: 'A made-up answer for the regeneration test.',
    content: {
      'application/json': { schema: { $ref: `#/components/schemas/${schema}` }, examples: { ok: { value: example } } },
    },
  };
}

function listDevicesExample(document) {
  const examples =
    document.paths['/koodrive/ose/v1/backup/device'].get.responses['200'].content['application/json'].examples;
  return Object.values(examples)[0].value.data[0];
}

/**
 * The variants, by folder name: what they change, and the change itself (on the parsed spec). A growth variant adds
 * only what the spec does not have yet, so it keeps applying (and its fixture keeps showing that growth) once the
 * real spec has grown the same way.
 */
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
  'additive-query-parameter': {
    change: 'listBoundDevices gains an optional query parameter deviceOS',
    apply(document) {
      const { parameters } = document.paths['/koodrive/ose/v1/backup/device'].get;
      if (parameters.some((parameter) => parameter.in === 'query' && parameter.name === 'deviceOS')) return;
      parameters.push({
        name: 'deviceOS',
        in: 'query',
        required: false,
        description: 'A made-up filter for the regeneration test: only the devices of this system.',
        schema: { type: 'string', minLength: 1 },
        example: 'android',
      });
    },
  },
  'new-delete-operation': {
    change: `a new operation DELETE ${DEVICE_ITEM_PATH} (unbindDevice), answering {code, msg} without data`,
    apply(document) {
      document.components.schemas.UnbindDeviceResponse ??= {
        type: 'object',
        description: 'A made-up answer for the regeneration test: the envelope without data.',
        required: ['code', 'msg'],
        properties: {
          code: { type: 'integer', format: 'int32', example: 0 },
          msg: { type: 'string', example: 'success' },
        },
      };
      document.paths[DEVICE_ITEM_PATH] ??= {};
      document.paths[DEVICE_ITEM_PATH].delete ??= {
        operationId: 'unbindDevice',
        summary: 'Unbind a device from the user',
        tags: ['devices'],
        parameters: [DEVICE_ID_PARAMETER, ...SIGNED_HEADERS],
        responses: { 200: okResponse('UnbindDeviceResponse', { code: 0, msg: 'success' }), ...ERROR_RESPONSES },
      };
    },
  },
  'new-post-operation': {
    change: `a new operation POST ${DEVICE_ITEM_PATH}/name (renameDevice) with a JSON body DeviceRename`,
    apply(document) {
      const { schemas } = document.components;
      schemas.DeviceRename ??= {
        type: 'object',
        description: 'A made-up request body for the regeneration test.',
        required: ['deviceName'],
        properties: { deviceName: { type: 'string', minLength: 1, maxLength: 64, example: 'Magic v3' } },
      };
      schemas.RenameDeviceResponse ??= {
        type: 'object',
        description: 'A made-up answer for the regeneration test: the renamed device.',
        required: ['code', 'msg'],
        properties: {
          code: { type: 'integer', format: 'int32', example: 0 },
          msg: { type: 'string', example: 'success' },
          data: { $ref: '#/components/schemas/BoundDeviceEntity' },
        },
      };
      document.paths[`${DEVICE_ITEM_PATH}/name`] ??= {};
      document.paths[`${DEVICE_ITEM_PATH}/name`].post ??= {
        operationId: 'renameDevice',
        summary: 'Rename a bound device',
        tags: ['devices'],
        parameters: [DEVICE_ID_PARAMETER, ...SIGNED_HEADERS],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/DeviceRename' } } },
        },
        responses: {
          200: okResponse('RenameDeviceResponse', { code: 0, msg: 'success', data: listDevicesExample(document) }),
          ...ERROR_RESPONSES,
        },
      };
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
