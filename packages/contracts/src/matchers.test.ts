import {
  createSpecValidator,
  findOperation,
  loadSpecDocument,
  type ParameterObject,
  resolveRef,
} from '@koodrive-device/spec';
import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import {
  BEARER_PATTERN,
  boundDeviceEntity,
  boundDevicesResponseBody,
  createTime,
  DATE_TIME_PATTERN,
  DEVICE_ID_PATTERN,
  dateFormatToPattern,
  EXAMPLE_USER_ID,
  EXAMPLE_X_DATE,
  errorEnvelopeBody,
  exampleBoundDevice,
  exampleUnauthorizedBody,
  formatXDate,
  LIST_BOUND_DEVICES_PATH,
  listBoundDevicesRequestHeaders,
  X_DATE_FORMAT,
  X_DATE_PATTERN,
  X_USER_ID_PATTERN,
  xDate,
  xUserId,
} from './matchers.js';

const spec = loadSpecDocument();
const { path, operation } = findOperation(spec, 'listBoundDevices');
const headerParameter = (name: string) =>
  (operation.parameters ?? [])
    .map((parameter) => resolveRef<ParameterObject>(spec, parameter))
    .find((parameter) => parameter.name === name);
const specValidator = createSpecValidator({ document: spec });
const entitySchema = spec.components.schemas.BoundDeviceEntity as {
  required: string[];
  properties: Record<string, { pattern?: string; format?: string; example?: unknown }>;
};

describe('matchers tied to openapi/koodrive-device.yaml', () => {
  it('uses the path of the listBoundDevices operation', () => {
    expect(LIST_BOUND_DEVICES_PATH).toBe(path);
  });

  it('matches deviceId as a string with exactly the spec pattern', () => {
    expect(DEVICE_ID_PATTERN).toBe(entitySchema.properties.deviceId?.pattern);
    expect(boundDeviceEntity().deviceId).toEqual({
      'pact:matcher:type': [
        { 'pact:matcher:type': 'type' },
        { 'pact:matcher:type': 'regex', regex: DEVICE_ID_PATTERN },
      ],
      value: exampleBoundDevice.deviceId,
    });
  });

  it('records X-Date in a format whose regex is the spec X-Date pattern', () => {
    const schema = headerParameter('X-Date')?.schema as { pattern?: string };
    expect(dateFormatToPattern(X_DATE_FORMAT)).toBe(schema.pattern);
    expect(X_DATE_PATTERN).toBe(schema.pattern);
  });

  it('uses the spec examples of X-Date and X-User-Id', () => {
    expect(EXAMPLE_X_DATE).toBe(String(headerParameter('X-Date')?.example));
    expect(EXAMPLE_USER_ID).toBe(headerParameter('X-User-Id')?.example);
  });

  it('uses the first device of the spec 200 example as its example device', () => {
    const response = resolveRef<{
      content: Record<string, { examples: Record<string, { value: { data: unknown[] } }> }>;
    }>(spec, operation.responses['200'] as never);
    const example = response.content['application/json']?.examples.reference?.value;
    expect(example?.data[0]).toEqual(exampleBoundDevice);
  });

  it('has a matcher for every required BoundDeviceEntity field and for no optional one unless asked', () => {
    // Every required field has an example (the matchers need one).
    for (const name of entitySchema.required) expect(entitySchema.properties[name]?.example, name).toBeDefined();
    expect(Object.keys(boundDeviceEntity()).sort()).toEqual([...entitySchema.required].sort());
    expect(Object.keys(exampleBoundDevice).sort()).toEqual([...entitySchema.required].sort());
    const [template] = boundDevicesResponseBody().data.value as unknown as [object];
    expect(Object.keys(template).sort()).toEqual([...entitySchema.required].sort());
  });

  it('matches createTime by the RFC 3339 date-time regex, keeping the spec example', () => {
    expect(entitySchema.properties.createTime?.format).toBe('date-time');
    expect(boundDeviceEntity().createTime).toEqual({
      'pact:matcher:type': 'regex',
      regex: DATE_TIME_PATTERN,
      value: entitySchema.properties.createTime?.example,
    });
    expect(createTime()).toEqual(boundDeviceEntity().createTime);
  });

  it('accepts every createTime the spec accepts, not only the example shape', () => {
    const pattern = new RegExp(DATE_TIME_PATTERN);
    const deviceWith = specValidator.schemaValidator('BoundDeviceEntity');
    const accepted = [
      '2026-04-06T08:54:52Z',
      '2026-04-06T08:54:52.123+08:00',
      '2025-09-15T06:14:48.630Z',
      '2026-04-06T08:54:52.1Z',
      '2026-04-06T08:54:52-05:30',
      '2026-04-06t08:54:52z',
      '2026-12-31T23:59:60Z',
    ];
    const rejected = [
      '2026-04-06 08:54:52',
      '2026-04-06T08:54:52',
      '2026-04-06',
      '2026-13-06T08:54:52Z',
      '2026-04-06T24:00:00Z',
      '2026-04-06T08:54:52+8',
      '2026-04-06T08:54:52.Z',
      '',
    ];
    for (const value of accepted) {
      expect(deviceWith({ ...exampleBoundDevice, createTime: value }), `spec accepts ${value}`).toEqual({
        valid: true,
      });
      expect(value, 'the matcher accepts it too').toMatch(pattern);
    }
    for (const value of rejected) {
      expect(deviceWith({ ...exampleBoundDevice, createTime: value }).valid, `spec rejects ${value}`).toBe(false);
      expect(value, 'the matcher rejects it too').not.toMatch(pattern);
    }
  });

  it('matches X-User-Id by a regex that accepts exactly what the spec header schema accepts', () => {
    const schema = headerParameter('X-User-Id')?.schema as Record<string, unknown>;
    // The regex stands for `type: string` + `minLength: 1`: a schema with more constraints needs a new pattern.
    expect(schema).toMatchObject({ type: 'string', minLength: 1 });
    expect(Object.keys(schema).filter((key) => !key.startsWith('x-'))).toEqual(['type', 'minLength']);
    expect(xUserId()).toEqual({ 'pact:matcher:type': 'regex', regex: X_USER_ID_PATTERN, value: EXAMPLE_USER_ID });
    const pattern = new RegExp(X_USER_ID_PATTERN);
    for (const value of ['', 'demo-user', 'a', ' ', '12345', 'user with spaces']) {
      const headers = { Authorization: 'Bearer token', 'X-Date': EXAMPLE_X_DATE, 'X-User-Id': value };
      const specAccepts = specValidator.validateRequestHeaders(headers).valid;
      expect(pattern.test(value), `X-User-Id ${JSON.stringify(value)}`).toBe(specAccepts);
    }
    expect(pattern.test('')).toBe(false);
  });

  it('uses the spec Unauthorized example for the invalid-token body', () => {
    const unauthorized = spec.components.responses.Unauthorized?.content?.['application/json']?.example;
    expect(unauthorized).toEqual(exampleUnauthorizedBody);
  });

  it('requires the bearer scheme the spec declares', () => {
    expect(spec.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    const bearer = new RegExp(BEARER_PATTERN);
    expect('Bearer 60f4ccc7b1abc3dd9a68068').toMatch(bearer);
    expect('Bearer+60f4ccc7b1abc3dd9a68068').not.toMatch(bearer);
    expect('bearer abc').not.toMatch(bearer);
    expect('Bearer ').not.toMatch(bearer);
  });
});

describe('matcher values', () => {
  it('example values satisfy their own patterns', () => {
    expect(exampleBoundDevice.deviceId).toMatch(new RegExp(DEVICE_ID_PATTERN));
    expect(exampleBoundDevice.deviceId).toHaveLength(19);
    expect(EXAMPLE_X_DATE).toMatch(new RegExp(X_DATE_PATTERN));
    const headers = MatchersV3.reify(listBoundDevicesRequestHeaders()) as Record<string, string>;
    expect(headers.Authorization).toMatch(new RegExp(BEARER_PATTERN));
  });

  it('rejects a number where deviceId must be a digit string', () => {
    const deviceIdPattern = new RegExp(DEVICE_ID_PATTERN);
    expect('17754060059207793930').toMatch(deviceIdPattern);
    expect('1775406005920779393a').not.toMatch(deviceIdPattern);
    expect('').not.toMatch(deviceIdPattern);
  });

  it('matches X-Date by its DateTime format, with a DateTime generator for a fresh time on replay', () => {
    expect(xDate()).toEqual({
      'pact:matcher:type': 'timestamp',
      'pact:generator:type': 'DateTime',
      format: X_DATE_FORMAT,
      value: EXAMPLE_X_DATE,
    });
  });

  it('refuses example values that break their own matcher', () => {
    expect(() => xUserId('')).toThrow(TypeError);
    expect(() => xUserId('')).toThrow('X-User-Id example "" does not match ^.+$');
    expect(() => xDate('2025-11-03T07:01:40Z')).toThrow(/X-Date example/);
    expect(() => createTime('2025-09-15 06:14:48')).toThrow(/createTime example/);
    expect(createTime('2026-04-06T08:54:52+08:00')).toMatchObject({ value: '2026-04-06T08:54:52+08:00' });
  });

  it('reifies the example bodies to what the spec example says', () => {
    expect(MatchersV3.reify(boundDevicesResponseBody())).toEqual({
      code: 0,
      msg: 'success',
      data: [exampleBoundDevice],
    });
    expect(MatchersV3.reify(errorEnvelopeBody())).toEqual(exampleUnauthorizedBody);
  });

  it('formats X-Date in UTC with the spec pattern', () => {
    expect(formatXDate(new Date('2025-11-03T07:01:40.999Z'))).toBe('20251103T070140Z');
    expect(formatXDate(new Date())).toMatch(new RegExp(X_DATE_PATTERN));
  });

  it('refuses date formats it cannot turn into a pattern', () => {
    expect(() => dateFormatToPattern("yyyy'T")).toThrow(/Unterminated/);
    expect(() => dateFormatToPattern('EEE yyyy')).toThrow(/Unsupported field E/);
  });
});
