// The planted drifts of the pact-vs-spec check (src/spec-check.test.ts): pacts that disagree with the spec, and
// specs that moved away from a pact that was right. Each entry names the finding that must come out.

type Interaction = {
  description: string;
  providerStates: { name: string }[];
  request: { method: string; path: string; headers: Record<string, string[]> };
  response: {
    status: number;
    headers: Record<string, string[]>;
    body: { content: { code?: unknown; msg?: unknown; data?: unknown } };
  };
};
export type PactJson = { provider: { name: string }; interactions: Interaction[] };
// The parsed spec, loosely typed: the drifts below reach into it by path.
// biome-ignore lint/suspicious/noExplicitAny: a YAML document edited by path
export type SpecJson = Record<string, any>;

const withDevices = (pact: PactJson): Interaction => {
  const found = pact.interactions.find((candidate) => {
    const data = candidate.response.body.content.data;
    return Array.isArray(data) && data.length > 0;
  });
  if (found === undefined) throw new Error('the recorded pact has no interaction with devices');
  return found;
};
export const firstDevice = (pact: PactJson) =>
  (withDevices(pact).response.body.content.data as [Record<string, unknown>])[0];
const unauthorized = (pact: PactJson): Interaction => {
  const found = pact.interactions.find((candidate) => candidate.response.status === 401);
  if (found === undefined) throw new Error('the recorded pact has no 401 interaction');
  return found;
};
/** Sets (or, with `undefined`, removes) one request header in every interaction. */
export const header =
  (name: string, value: string | undefined) =>
  (pact: PactJson): void => {
    for (const { request } of pact.interactions) {
      if (value === undefined) delete request.headers[name];
      else request.headers[name] = [value];
    }
  };
export const device =
  (field: string, value: (current: unknown) => unknown) =>
  (pact: PactJson): void => {
    firstDevice(pact)[field] = value(firstDevice(pact)[field]);
  };
const envelope =
  (pick: (pact: PactJson) => Interaction, field: 'code' | 'msg' | 'data', value: unknown) =>
  (pact: PactJson): void => {
    pick(pact).response.body.content[field] = value;
  };
const answer =
  (edit: (response: Interaction['response'], request: Interaction['request']) => void) =>
  (pact: PactJson): void => {
    const interaction = withDevices(pact);
    edit(interaction.response, interaction.request);
  };

/** Pacts that disagree with the spec, each with the finding that names what is wrong (and where). */
export const plantedPacts: [name: string, mutate: (pact: PactJson) => void, code: string, where?: RegExp][] = [
  [
    'a response field the spec lacks',
    device('serialNumber', () => 'SN-1'),
    'response.body.incompatible',
    /serialNumber/,
  ],
  ['a numeric deviceId', device('deviceId', Number), 'response.body.incompatible', /deviceId$/],
  ['a deviceId that is not digits', device('deviceId', () => 'dev-1'), 'response.body.incompatible', /deviceId$/],
  [
    'createTime that is not date-time',
    device('createTime', () => '2025-09-15 06:14'),
    'response.body.incompatible',
    /createTime$/,
  ],
  ['a device field that is null', device('deviceName', () => null), 'response.body.incompatible', /deviceName$/],
  ['code as a string', envelope(withDevices, 'code', '0'), 'response.body.incompatible', /code$/],
  ['msg as a number', envelope(withDevices, 'msg', 0), 'response.body.incompatible', /msg$/],
  ['data as an object', envelope(withDevices, 'data', {}), 'response.body.incompatible', /data$/],
  [
    'an error envelope with a string code',
    envelope(unauthorized, 'code', '401001'),
    'response.body.incompatible',
    /code$/,
  ],
  [
    'a status the spec does not document',
    answer((response) => {
      response.status = 418;
    }),
    'response.status.unknown',
  ],
  [
    'a response content type that is not JSON',
    answer((response) => {
      response.headers['Content-Type'] = ['text/plain'];
    }),
    'response.content-type.incompatible',
  ],
  [
    'a response header the spec does not declare',
    answer((response) => {
      response.headers['X-Trace'] = ['1'];
    }),
    'response.header.unknown',
  ],
  [
    'a wrong path',
    answer((_, request) => {
      request.path = '/koodrive/ose/v1/backup/devices';
    }),
    'request.path-or-method.unknown',
  ],
  [
    'the path with a trailing slash',
    answer((_, request) => {
      request.path += '/';
    }),
    'request.path-or-method.unknown',
  ],
  [
    'another method',
    answer((_, request) => {
      request.method = 'POST';
    }),
    'request.path-or-method.unknown',
  ],
  ['X-Date in ISO 8601', header('X-Date', '2025-11-03T07:01:40Z'), 'request.header.incompatible', /X-Date/i],
  ['X-Date without its Z', header('X-Date', '20251103T070140'), 'request.header.incompatible', /X-Date/i],
  ['no X-Date', header('X-Date', undefined), 'request.header.incompatible', /X-Date/i],
  ['no X-User-Id', header('X-User-Id', undefined), 'request.header.incompatible', /X-User-Id/i],
  ['an empty X-User-Id', header('X-User-Id', ''), 'request.header.incompatible', /X-User-Id/i],
  ['no Authorization', header('Authorization', undefined), 'request.authorization.missing'],
  ['a Basic Authorization', header('Authorization', 'Basic ZGVtbzpkZW1v'), 'request.authorization.missing'],
];

/** The spec moving away from a pact that was right: the real pact must fail against each. */
export const specDrifts: [name: string, mutate: (spec: SpecJson) => void, code: string][] = [
  [
    'a device field renamed',
    (spec) => renameProperty(spec.components.schemas.BoundDeviceEntity, 'machineCode', 'machineKode'),
    'response.body.incompatible',
  ],
  [
    'deviceId now an integer',
    (spec) => {
      spec.components.schemas.BoundDeviceEntity.properties.deviceId = { type: 'integer' };
    },
    'response.body.incompatible',
  ],
  [
    'code now a string',
    (spec) => {
      spec.components.schemas.ListBoundDevicesResponse.properties.code = { type: 'string' };
    },
    'response.body.incompatible',
  ],
  [
    'the 401 answer dropped',
    (spec) => {
      delete operation(spec).responses['401'];
    },
    'response.status.unknown',
  ],
  ['the path moved', (spec) => movePath(spec, '/koodrive/ose/v2/backup/device'), 'request.path-or-method.unknown'],
  [
    'X-Date with milliseconds',
    (spec) => {
      xDateParameter(spec).schema.pattern = '^\\d{8}T\\d{6}\\.\\d{3}Z$';
    },
    'request.header.incompatible',
  ],
];

function renameProperty(schema: SpecJson, from: string, to: string): void {
  schema.properties[to] = schema.properties[from];
  delete schema.properties[from];
  schema.required = (schema.required as string[]).map((name) => (name === from ? to : name));
}
function operation(spec: SpecJson): SpecJson {
  return spec.paths['/koodrive/ose/v1/backup/device'].get;
}
function movePath(spec: SpecJson, to: string): void {
  spec.paths[to] = spec.paths['/koodrive/ose/v1/backup/device'];
  delete spec.paths['/koodrive/ose/v1/backup/device'];
}
function xDateParameter(spec: SpecJson): SpecJson {
  const resolve = (parameter: SpecJson): SpecJson =>
    parameter.$ref === undefined
      ? parameter
      : spec.components.parameters[String(parameter.$ref).split('/').pop() ?? ''];
  const found = (operation(spec).parameters as SpecJson[])
    .map(resolve)
    .find((parameter) => parameter.name === 'X-Date');
  if (found === undefined) throw new Error('the spec has no X-Date parameter');
  return found;
}
