import { describe, expect, it } from 'vitest';
import { findOperation, loadSpecDocument, resolveRef } from './spec-document.js';
import { createSpecValidator } from './spec-validator.js';

const document = loadSpecDocument();
const validator = createSpecValidator({ document });
const { operation } = findOperation(document, 'listBoundDevices');
const referenceExample = structuredClone(
  resolveRef(document, operation.responses['200'] ?? { $ref: '' }).content?.['application/json']?.examples?.reference
    ?.value,
) as { code: number; msg: string; data: Record<string, unknown>[] };

const goodHeaders = {
  authorization: 'Bearer demo-token',
  'x-user-id': 'demo-user',
  'x-date': '20251103T070140Z',
};

describe('createSpecValidator responses', () => {
  it("accepts the reference page's example response as a 200", () => {
    expect(validator.validateResponse(200, referenceExample)).toEqual({ valid: true });
  });

  it('rejects a 19-digit deviceId sent as a JSON number, which would lose digits', () => {
    const numeric = structuredClone(referenceExample);
    (numeric.data[0] as Record<string, unknown>).deviceId = JSON.parse('1775406005920779393'); // what a server sending a number gives us
    const verdict = validator.validateResponse(200, numeric);
    expect(verdict.valid).toBe(false);
    expect(verdict.valid === false && verdict.errors.join()).toMatch(/\/data\/0\/deviceId must be string/);
  });

  it('rejects a device without createTime and a createTime that is not a date-time', () => {
    const missing = structuredClone(referenceExample);
    delete missing.data[0]?.createTime;
    expect(validator.validateResponse(200, missing).valid).toBe(false);
    const notADate = structuredClone(referenceExample);
    (notADate.data[1] as Record<string, unknown>).createTime = 'yesterday';
    expect(validator.validateResponse(200, notADate)).toMatchObject({ valid: false });
  });

  it('accepts an error envelope on a documented error status and rejects an undocumented status', () => {
    expect(validator.validateResponse(401, { code: 401001, msg: 'expired' })).toEqual({ valid: true });
    expect(validator.validateResponse(401, { msg: 'no code' }).valid).toBe(false);
    expect(validator.validateResponse(418, { code: 1, msg: 'teapot' })).toEqual({
      valid: false,
      errors: ['status 418 is not documented for listBoundDevices'],
    });
  });
});

describe('createSpecValidator request headers', () => {
  it('accepts a request with a bearer token, a user ID and a well-formed X-Date', () => {
    expect(validator.validateRequestHeaders(goodHeaders)).toEqual({ valid: true });
    expect(validator.validateRequestHeaders(new Headers(goodHeaders))).toEqual({ valid: true });
  });

  it.each([
    ['no X-Date', { ...goodHeaders, 'x-date': undefined }, /header X-Date is required/],
    ['the three-y typo format', { ...goodHeaders, 'x-date': '2025113T070140Z' }, /header X-Date.*pattern/],
    ['no X-User-Id', { ...goodHeaders, 'x-user-id': undefined }, /header X-User-Id is required/],
    ['a Bearer+token header', { ...goodHeaders, authorization: 'Bearer+demo-token' }, /Authorization/],
  ])('rejects a request with %s', (_name, headers, message) => {
    const verdict = validator.validateRequestHeaders(headers);
    expect(verdict.valid).toBe(false);
    expect(verdict.valid === false && verdict.errors.join('\n')).toMatch(message);
  });
});

describe('schemaValidator', () => {
  it('compiles component schemas from the spec by name', () => {
    const entity = validator.schemaValidator('BoundDeviceEntity');
    expect(entity(referenceExample.data[0])).toEqual({ valid: true });
    expect(entity({ deviceId: 'abc' }).valid).toBe(false);
    expect(() => validator.schemaValidator('Nope')).toThrow(/No schema Nope/);
  });
});
