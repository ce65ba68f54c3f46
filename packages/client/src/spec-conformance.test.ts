// Ties what the client accepts to the single source of truth, openapi/koodrive-device.yaml: the verdict of the
// client's own path (generated validator + generated model) against the spec package's independent ajv validator.
import { createSpecValidator } from '@koodrive-device/spec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dataFromJson } from './answer.js';
import { isKooDriveError } from './errors.js';
import { parseDateTime } from './formats.js';
import { operations } from './generated/operations.js';
import type { BoundDevice } from './model.js';

/** listBoundDevices' answer read as the client reads it: its devices. */
const devicesFromJson = (body: unknown, status: number, token: string | undefined) =>
  dataFromJson(body, status, token, operations.listBoundDevices) as BoundDevice[];

const validator = createSpecValidator();

type Verdict = 'accept' | 'reject';

/** The client's verdict on a 200 body: devices or an `api` error accept it; `invalid-response` rejects it. */
function clientVerdict(body: unknown): Verdict {
  try {
    devicesFromJson(JSON.parse(JSON.stringify(body)), 200, undefined);
    return 'accept';
  } catch (error) {
    if (isKooDriveError(error) && error.kind === 'api') return 'accept';
    if (isKooDriveError(error) && error.kind === 'invalid-response') return 'reject';
    throw error;
  }
}

function specVerdict(body: unknown): Verdict {
  return validator.validateResponse(200, body).valid ? 'accept' : 'reject';
}

const validDevice = {
  deviceId: '1775406005920779393',
  machineCode: '20250911',
  deviceOS: 'android',
  deviceName: 'Magic v3',
  createTime: '2025-09-15T06:14:48.630Z',
};
const validBody = { data: [validDevice], code: 0, msg: 'success' };

const wrongValues: unknown[] = [
  null,
  0,
  JSON.parse('1775406005920779393'),
  1.5,
  true,
  '',
  'x',
  [],
  {},
  ['1'],
  { a: 1 },
];

const createTimes = [
  '2025-09-15T06:14:48.630Z',
  '2025-09-15T06:14:48Z',
  '2025-09-15t06:14:48.630z',
  '2025-09-15 06:14:48.630Z',
  '2025-09-15T06:14:48.123456789Z',
  '2025-09-15T06:14:48.630+08:00',
  '2025-09-15T06:14:48.630-0330',
  '2025-09-15T06:14:48.630+08',
  '2024-02-29T00:00:00.000Z',
  '2025-02-29T00:00:00.000Z',
  '2025-04-31T00:00:00.000Z',
  '2025-12-31T23:59:60Z',
  '2025-12-31T23:59:60.500Z',
  '2025-12-31T22:59:60Z',
  '2026-01-01T00:59:60+01:00',
  '2025-09-15T24:00:00.000Z',
  '2025-09-15T06:60:00.000Z',
  '2025-13-15T06:14:48.630Z',
  '2025-00-15T06:14:48.630Z',
  '2025-09-00T06:14:48.630Z',
  '2025-09-15T06:14:48.630',
  '2025-09-15T06:14:48.630+24:00',
  '2025-09-15T06:14:48.630+08:60',
  '2025-09-15',
  '2025-9-15T06:14:48Z',
  '20250915T061448Z',
  '2025-09-15T06:14:48.Z',
  '0000-01-01T00:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
  ' 2025-09-15T06:14:48.630Z',
  '2025-09-15TT06:14:48.630Z',
  'Mon, 15 Sep 2025 06:14:48 GMT',
];

const deviceIds = ['1775406005920779393', '0', '007', '', '-1', '1e21', '12 34', '١٢٣', '1775406005920779393n', ' 1'];

/** Valid bodies and bodies mutated in every field the spec describes. */
function corpus(): { name: string; body: unknown }[] {
  const bodies: { name: string; body: unknown }[] = [
    { name: 'the reference body', body: validBody },
    { name: 'no devices', body: { ...validBody, data: [] } },
    { name: 'extra properties', body: { ...validBody, extra: 1, data: [{ ...validDevice, color: 'red' }] } },
    { name: 'code != 0 without data', body: { code: 100001, msg: 'failed' } },
    { name: 'code != 0 with bad data', body: { code: 100001, msg: 'failed', data: [{ deviceId: 1 }] } },
    { name: 'a body that is an array', body: [validDevice] },
    { name: 'a body that is a string', body: 'success' },
    { name: 'a body that is null', body: null },
    { name: 'code too big for int32', body: { ...validBody, code: 2 ** 31 } },
    { name: 'code the smallest int32', body: { ...validBody, code: -(2 ** 31) } },
    {
      name: 'many devices, one bad',
      body: { ...validBody, data: [validDevice, validDevice, { ...validDevice, deviceOS: 3 }] },
    },
  ];
  for (const field of ['code', 'msg', 'data']) {
    const { [field]: _removed, ...rest } = validBody as Record<string, unknown>;
    if (field !== 'data') bodies.push({ name: `without ${field}`, body: rest });
    for (const value of wrongValues)
      bodies.push({ name: `${field} = ${JSON.stringify(value)}`, body: { ...validBody, [field]: value } });
  }
  for (const field of Object.keys(validDevice)) {
    const { [field]: _removed, ...rest } = validDevice as Record<string, unknown>;
    bodies.push({ name: `device without ${field}`, body: { ...validBody, data: [rest] } });
    for (const value of wrongValues) {
      bodies.push({
        name: `device ${field} = ${JSON.stringify(value)}`,
        body: { ...validBody, data: [{ ...validDevice, [field]: value }] },
      });
    }
  }
  for (const createTime of createTimes) {
    bodies.push({ name: `createTime ${createTime}`, body: { ...validBody, data: [{ ...validDevice, createTime }] } });
  }
  for (const deviceId of deviceIds) {
    bodies.push({
      name: `deviceId ${JSON.stringify(deviceId)}`,
      body: { ...validBody, data: [{ ...validDevice, deviceId }] },
    });
  }
  return bodies;
}

describe("the client's response checks against the spec", () => {
  const cases = corpus();

  it(`gives the same accept/reject verdict as createSpecValidator on ${cases.length} valid and mutated bodies, but two`, () => {
    const disagreements = cases
      .map(({ name, body }) => ({ name, client: clientVerdict(body), spec: specVerdict(body) }))
      .filter(({ client, spec }) => client !== spec);
    // The two deliberate differences, each tested on its own below: a code != 0 is an api error whatever data
    // holds, and data must be there (not null) when code is 0.
    expect(disagreements).toEqual([
      { name: 'code != 0 with bad data', client: 'accept', spec: 'reject' },
      { name: 'data = null', client: 'reject', spec: 'accept' },
    ]);
    // The corpus exercises both verdicts, plenty of each.
    expect(cases.filter(({ body }) => specVerdict(body) === 'accept').length).toBeGreaterThan(15);
    expect(cases.filter(({ body }) => specVerdict(body) === 'reject').length).toBeGreaterThan(80);
  });

  it("rejects code 0 without data, which the spec's schema allows but its prose rules out (a deliberate difference)", () => {
    for (const body of [
      { code: 0, msg: 'success' },
      { code: 0, msg: 'success', data: null },
    ]) {
      expect(specVerdict(body)).toBe('accept');
      expect(clientVerdict(body)).toBe('reject');
    }
  });

  it('is an api error whatever data holds when code is not 0', () => {
    for (const data of [undefined, null, {}, 'garbage', [1, 2], [{ deviceId: 1 }]]) {
      let kind: string | undefined;
      try {
        devicesFromJson({ code: 1001, msg: 'frozen', data }, 200, undefined);
      } catch (error) {
        kind = isKooDriveError(error) ? error.kind : 'other';
      }
      expect(kind).toBe('api');
    }
  });

  it('reads every accepted createTime as the instant it denotes', () => {
    expect(new Date(parseDateTime('2025-09-15T06:14:48.630+08:00')).toISOString()).toBe('2025-09-14T22:14:48.630Z');
    expect(new Date(parseDateTime('2025-09-15t06:14:48z')).toISOString()).toBe('2025-09-15T06:14:48.000Z');
    expect(new Date(parseDateTime('2025-09-15T06:14:48.123456Z')).toISOString()).toBe('2025-09-15T06:14:48.123Z');
    expect(new Date(parseDateTime('2025-09-15T06:14:48.630-0330')).toISOString()).toBe('2025-09-15T09:44:48.630Z');
    expect(new Date(parseDateTime('0001-01-01T00:00:00Z')).toISOString()).toBe('0001-01-01T00:00:00.000Z');
    const accepted = createTimes.filter(
      (text) => specVerdict({ ...validBody, data: [{ ...validDevice, createTime: text }] }) === 'accept',
    );
    expect(accepted.length).toBeGreaterThan(10);
    for (const text of accepted) {
      const devices = devicesFromJson({ ...validBody, data: [{ ...validDevice, createTime: text }] }, 200, undefined);
      expect(devices[0]?.createTime.getTime()).toBe(parseDateTime(text));
      expect(Number.isNaN(devices[0]?.createTime.getTime())).toBe(false);
    }
  });

  it('agrees with the spec on random date-time-like createTime strings (property)', () => {
    const digit = fc.constantFrom(...'0123456789');
    const two = fc.tuple(digit, digit).map(([a, b]) => a + b);
    const dateTimeLike = fc
      .record({
        year: fc.tuple(digit, digit, digit, digit).map((d) => d.join('')),
        month: fc.oneof(two, fc.constantFrom('01', '02', '12', '13')),
        day: fc.oneof(two, fc.constantFrom('28', '29', '30', '31')),
        separator: fc.constantFrom('T', 't', ' ', 'x', ''),
        hour: fc.oneof(two, fc.constantFrom('23', '24')),
        minute: two,
        second: fc.oneof(two, fc.constantFrom('59', '60')),
        fraction: fc.constantFrom('', '.630', '.5', '.', '.123456'),
        zone: fc.constantFrom('Z', 'z', '', '+08:00', '-0330', '+08', '+24:00', '-00:60', '+01:00'),
      })
      .map((p) => `${p.year}-${p.month}-${p.day}${p.separator}${p.hour}:${p.minute}:${p.second}${p.fraction}${p.zone}`);
    fc.assert(
      fc.property(fc.oneof(dateTimeLike, fc.string({ maxLength: 30 })), (createTime) => {
        const body = { ...validBody, data: [{ ...validDevice, createTime }] };
        expect(clientVerdict(body)).toBe(specVerdict(body));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the spec on random deviceId strings (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^[0-9]{1,25}$/), fc.string({ maxLength: 25 })), (deviceId) => {
        const body = { ...validBody, data: [{ ...validDevice, deviceId }] };
        expect(clientVerdict(body)).toBe(specVerdict(body));
      }),
      { numRuns: 1000 },
    );
  });
});
