import { operationsSpec, schemas } from '@koodrive-device/client/schemas';
import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import {
  boundDeviceEntity,
  boundDevicesResponseBody,
  errorEnvelopeBody,
  LIST_BOUND_DEVICES_PATH,
  listBoundDevicesRequestHeaders,
} from './matchers.js';
import { createSpecMatchers, requestMatchers, responseBodyMatcher, responseMatchers } from './operation-matchers.js';
import { bearerAuthorization, xDate, xUserId } from './request-matchers.js';
import type { SchemaNode } from './schema-matchers.js';
import type { OperationSpec, SpecData } from './spec-data.js';
import { variantSpecData } from './test-support/variant-specs.js';

const today = createSpecMatchers({ operationsSpec, schemas });
const additiveData = variantSpecData['additive-optional-field'];
const additive = createSpecMatchers(additiveData);
const deviceProperties = (data: SpecData) => Object.keys(data.schemas.BoundDeviceEntity?.properties ?? {});
/** The optional field the additive variant adds (the first candidate today's spec lacks, e.g. deviceModel). */
const addedField = deviceProperties(additiveData).find(
  (name) => !deviceProperties({ operationsSpec, schemas }).includes(name),
);
const signedHeaders = { Authorization: bearerAuthorization(), 'X-User-Id': xUserId(), 'X-Date': xDate() };
const everyResponse = Object.entries(operationsSpec).flatMap(([operationId, operation]) =>
  Object.keys(operation.responses).map((status) => [operationId, status] as const),
);

describe("matchers for every operation, derived from the spec as data (today's spec)", () => {
  it("gives listBoundDevices' request as its pact records it: GET, the plain path, the three signed headers", () => {
    expect(requestMatchers('listBoundDevices')).toEqual({
      method: 'GET',
      path: LIST_BOUND_DEVICES_PATH,
      headers: listBoundDevicesRequestHeaders(),
    });
    expect(requestMatchers('listBoundDevices', { userId: 'someone' }).headers['X-User-Id']).toEqual(xUserId('someone'));
  });

  it('gives the 200 body of listBoundDevices as boundDevicesResponseBody once data (optional) is asked for', () => {
    expect(Object.keys(responseBodyMatcher('listBoundDevices', 200) as object).sort()).toEqual(['code', 'msg']);
    const derived = responseBodyMatcher('listBoundDevices', 200, { include: ['data'] }) as object;
    expect({ ...derived, code: 0 }).toEqual(boundDevicesResponseBody());
    const two = responseBodyMatcher('listBoundDevices', '200', { include: ['data'], min: { data: 2 } }) as object;
    expect({ ...two, code: 0 }).toEqual(boundDevicesResponseBody({ min: 2 }));
  });

  it('gives every documented error body of listBoundDevices from its own documented example', () => {
    const errors = Object.entries(operationsSpec.listBoundDevices.responses).filter(([status]) => status !== '200');
    expect(errors.length).toBeGreaterThan(0);
    for (const [status, documented] of errors) {
      const body = responseBodyMatcher('listBoundDevices', status as '401');
      expect(MatchersV3.reify(body), status).toEqual(documented.example);
    }
    expect(responseBodyMatcher('listBoundDevices', 401)).toEqual(errorEnvelopeBody());
  });

  it('gives the JSON Content-Type, and a documented response header only when asked for', () => {
    const tooMany = responseMatchers('listBoundDevices', 429);
    expect(tooMany.status).toBe(429);
    expect(Object.keys(tooMany.headers)).toEqual(['Content-Type']);
    const withRetry = responseMatchers('listBoundDevices', 429, { headers: { 'Retry-After': true } });
    expect(withRetry.headers['Retry-After']).toEqual(MatchersV3.string('2'));
    const challenge = responseMatchers('listBoundDevices', 401, {
      headers: { 'WWW-Authenticate': 'Bearer realm="x"' },
    });
    expect(challenge.headers['WWW-Authenticate']).toEqual(
      MatchersV3.regex('^[Bb][Ee][Aa][Rr][Ee][Rr]( |$)', 'Bearer realm="x"'),
    );
  });

  it('refuses an operation, a status or a header the spec does not document', () => {
    // @ts-expect-error: the spec has no such operation
    expect(() => requestMatchers('deleteEverything')).toThrow('The spec has no operation deleteEverything');
    // @ts-expect-error: nor one named like an Object.prototype member
    expect(() => requestMatchers('toString')).toThrow('The spec has no operation toString');
    // @ts-expect-error: listBoundDevices documents no 418
    expect(() => responseBodyMatcher('listBoundDevices', 418)).toThrow('listBoundDevices documents no 418 response');
    // @ts-expect-error: the 200 answer documents no Retry-After
    expect(() => responseMatchers('listBoundDevices', 200, { headers: { 'Retry-After': '1' } })).toThrow(
      'documents no header Retry-After',
    );
  });
});

describe('an optional field the spec gains (the additive-optional-field variant)', () => {
  const withoutExample: SpecData = structuredClone(additiveData) as SpecData;
  const strip = (schema: SchemaNode | undefined) => {
    const property = schema?.properties?.[addedField ?? ''] as { example?: unknown } | undefined;
    if (property !== undefined) delete property.example;
  };
  strip(withoutExample.schemas.BoundDeviceEntity);
  strip(withoutExample.schemas.ListBoundDevicesResponse?.properties?.data?.items);

  const loose = createSpecMatchers({ operationsSpec, schemas } as SpecData);
  it.each([
    ['with an example', createSpecMatchers(additiveData as SpecData)],
    ['without an example', createSpecMatchers(withoutExample)],
  ])('changes no matcher of any operation, %s', (_, grown) => {
    expect(addedField).toBeDefined();
    for (const [operationId, status] of everyResponse) {
      expect(grown.responseMatchers(operationId, status), `${operationId} ${status}`).toEqual(
        loose.responseMatchers(operationId, status),
      );
      expect(grown.requestMatchers(operationId)).toEqual(loose.requestMatchers(operationId));
    }
    expect(grown.responseBodyMatcher('listBoundDevices', 200, { include: ['data'] })).toEqual(
      today.responseBodyMatcher('listBoundDevices', 200, { include: ['data'] }),
    );
    expect(grown.schemaMatcher('BoundDeviceEntity')).toEqual(boundDeviceEntity());
  });

  it('is demanded once the consumer includes it, or gives it a value', () => {
    const field = addedField as 'deviceModel';
    const properties: Record<string, { example?: unknown }> = additiveData.schemas.BoundDeviceEntity.properties;
    const example = String(properties[field]?.example);
    const included = additive.schemaMatcher('BoundDeviceEntity', { include: [field] }) as Record<string, unknown>;
    expect(included).toEqual({ ...boundDeviceEntity(), [field]: MatchersV3.string(example) });
    const body = additive.responseBodyMatcher('listBoundDevices', 200, { include: [`data.${field}`] }) as {
      data: { value: Record<string, unknown>[] };
    };
    expect(body.data.value[0]?.[field]).toEqual(MatchersV3.string(example));
    const named = additive.schemaMatcher('BoundDeviceEntity', { example: { [field]: 'X1' } }) as Record<
      string,
      unknown
    >;
    expect(named[field]).toEqual(MatchersV3.string('X1'));
  });

  it("cannot be asked of today's spec, which lacks it", () => {
    // @ts-expect-error: today's BoundDeviceEntity has no optional field to include
    expect(() => boundDeviceEntity({}, { include: [addedField] })).toThrow(/does not have/);
  });
});

describe('operations the spec gains (new-post-operation, new-delete-operation, additive-query-parameter)', () => {
  const grown = createSpecMatchers(variantSpecData['new-post-operation']);
  const deleting = createSpecMatchers(variantSpecData['new-delete-operation']);
  const itemPath = '/koodrive/ose/v1/backup/device';

  it('gives renameDevice: POST, the path parameter by its schema pattern, the signed headers, the JSON body', () => {
    const request = grown.requestMatchers('renameDevice', { path: { deviceId: '1775406005920779393' } });
    expect(request).toEqual({
      method: 'POST',
      path: MatchersV3.regex(`^${itemPath}/([0-9]+)/name$`, `${itemPath}/1775406005920779393/name`),
      headers: signedHeaders,
      body: { deviceName: MatchersV3.string('Magic v3') },
    });
    const path = new RegExp((request.path as MatchersV3.V3RegexMatcher).regex);
    expect(`${itemPath}/42/name`).toMatch(path);
    expect(`${itemPath}/4a/name`).not.toMatch(path);
    expect(`${itemPath}/4/2/name`).not.toMatch(path);
    expect(`${itemPath}/42/name/x`).not.toMatch(path);
    expect(
      grown.requestMatchers('renameDevice', { path: { deviceId: 7 }, body: { example: { deviceName: 'Den' } } }),
    ).toMatchObject({ body: { deviceName: MatchersV3.string('Den') } });
  });

  it('refuses a path parameter value its schema does not accept', () => {
    expect(() => grown.requestMatchers('renameDevice', { path: { deviceId: 'abc' } })).toThrow(
      'renameDevice path parameter deviceId example "abc" does not match ^[0-9]+$',
    );
  });

  it("gives renameDevice's 200 body: code and msg, and the device once data is asked for", () => {
    expect(grown.responseBodyMatcher('renameDevice', 200)).toEqual({
      code: MatchersV3.integer(0),
      msg: MatchersV3.string('success'),
    });
    expect(grown.responseBodyMatcher('renameDevice', 200, { include: ['data'] })).toEqual({
      code: MatchersV3.integer(0),
      msg: MatchersV3.string('success'),
      data: boundDeviceEntity(),
    });
  });

  it('gives unbindDevice: DELETE with the path parameter and no body, answering code and msg', () => {
    const request = deleting.requestMatchers('unbindDevice', { path: { deviceId: '1842812272691451648' } });
    expect(request).toEqual({
      method: 'DELETE',
      path: MatchersV3.regex(`^${itemPath}/([0-9]+)$`, `${itemPath}/1842812272691451648`),
      headers: signedHeaders,
    });
    expect(deleting.responseMatchers('unbindDevice', 200)).toEqual({
      status: 200,
      headers: { 'Content-Type': MatchersV3.regex('^application/json(;.*)?$', 'application/json') },
      body: { code: MatchersV3.integer(0), msg: MatchersV3.string('success') },
    });
  });

  it('adds an optional query parameter only when the consumer sends it', () => {
    const filtering = createSpecMatchers(variantSpecData['additive-query-parameter']);
    expect(filtering.requestMatchers('listBoundDevices')).toEqual(today.requestMatchers('listBoundDevices'));
    expect(filtering.requestMatchers('listBoundDevices', { query: { deviceOS: 'android' } }).query).toEqual({
      deviceOS: MatchersV3.regex('^.{1,}$', 'android'),
    });
  });

  it('asks for the example a required parameter lacks, and matches parameters by their schema', () => {
    const operation: OperationSpec = {
      method: 'GET',
      path: '/things/{kind}/{n}',
      parameters: [
        { name: 'kind', in: 'path', required: true, schema: { type: 'string', enum: ['a', 'b'] } },
        { name: 'n', in: 'path', required: true, schema: { type: 'integer' }, example: 3 },
        { name: 'page', in: 'query', required: true, schema: { type: 'integer' } },
        { name: 'X-Trace', in: 'header', required: false, schema: { type: 'string', pattern: '^t-[0-9]+$' } },
      ],
      responses: {},
    };
    const things = createSpecMatchers({ operationsSpec: { listThings: operation }, schemas: {} });
    expect(() => things.requestMatchers('listThings')).toThrow('path parameter kind has no example');
    expect(() => things.requestMatchers('listThings', { path: { kind: 'a' } })).toThrow(
      'listThings query parameter page is required and has no example',
    );
    const request = things.requestMatchers('listThings', {
      path: { kind: 'b' },
      query: { page: 2 },
      headers: { 'X-Trace': 't-1' },
    });
    expect(request.path).toEqual(MatchersV3.regex('^/things/((a|b))/(-?[0-9]+)$', '/things/b/3'));
    expect(request.query).toEqual({ page: MatchersV3.regex('^(-?[0-9]+)$', '2') });
    expect(request.headers['X-Trace']).toEqual(MatchersV3.regex('^t-[0-9]+$', 't-1'));
  });
});
