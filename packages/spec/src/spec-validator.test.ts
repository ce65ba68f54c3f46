import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findOperation, loadSpecDocument, resolveRef } from './spec-document.js';
import { createSpecValidator } from './spec-validator.js';

const document = loadSpecDocument();
const validator = createSpecValidator({ document });
const { operation } = findOperation(document, 'listBoundDevices');

type ListResponse = { code: number; msg: string; data: Record<string, unknown>[] };

/**
 * The reference page's "Example Responses" body, committed verbatim (see src/fixtures/README.md): the
 * yardstick the spec's own example is held to, so a test here can catch the spec drifting from the page.
 */
const referenceText = readFileSync(new URL('./fixtures/reference-example-response.json', import.meta.url), 'utf8');
const referenceExample = JSON.parse(referenceText) as ListResponse;
/** The spec's 200 example (`examples.reference`), as the YAML parser reads it. */
const specExample = structuredClone(
  resolveRef(document, operation.responses['200'] ?? { $ref: '' }).content?.['application/json']?.examples?.reference
    ?.value,
) as ListResponse;

const goodHeaders = {
  authorization: 'Bearer demo-token',
  'x-user-id': 'demo-user',
  'x-date': '20251103T070140Z',
};

describe("the reference page's example response (src/fixtures/reference-example-response.json)", () => {
  it('is valid against the 200 schema', () => {
    expect(validator.validateResponse(200, referenceExample)).toEqual({ valid: true });
  });

  it("is exactly the spec's 200 example: no field added, dropped or changed", () => {
    expect(referenceExample.data).toHaveLength(2);
    expect(specExample).toStrictEqual(referenceExample);
  });

  it('writes its 19-digit device IDs as JSON strings, which a JSON number could not hold', () => {
    const written = [...referenceText.matchAll(/"deviceId"\s*:\s*([^,\n}]+)/g)].map((match) => match[1]?.trim());
    expect(written).toEqual(['"1775406005920779393"', '"1842812272691451648"']);
    for (const device of referenceExample.data) {
      const id = device.deviceId as string;
      expect(typeof id).toBe('string');
      expect(BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
      expect(String(Number(id))).not.toBe(id); // as a number it would lose digits
    }
  });
});

describe('createSpecValidator responses', () => {
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

  it.each(['Bearer  demo-token', 'bearer    demo-token'])(
    'accepts one or more spaces between the scheme and the token (RFC 6750: "Bearer" 1*SP b64token): %j',
    (authorization) => {
      expect(validator.validateRequestHeaders({ ...goodHeaders, authorization })).toEqual({ valid: true });
    },
  );

  it.each(['bearer demo-token', 'BEARER demo-token', 'bEaReR demo-token'])(
    'accepts the Bearer scheme in any case (RFC 7235): %j',
    (authorization) => {
      expect(validator.validateRequestHeaders({ ...goodHeaders, authorization })).toEqual({ valid: true });
      expect(validator.validateRequestHeaders(new Headers({ ...goodHeaders, authorization }))).toEqual({ valid: true });
    },
  );

  it.each([
    ['no X-Date', { ...goodHeaders, 'x-date': undefined }, /header X-Date is required/],
    ['the three-y typo format', { ...goodHeaders, 'x-date': '2025113T070140Z' }, /header X-Date.*pattern/],
    ['no X-User-Id', { ...goodHeaders, 'x-user-id': undefined }, /header X-User-Id is required/],
    ['a Bearer+token header', { ...goodHeaders, authorization: 'Bearer+demo-token' }, /Authorization/],
    ['a lower-case bearer+token header', { ...goodHeaders, authorization: 'bearer+demo-token' }, /Authorization/],
    ['no Authorization', { ...goodHeaders, authorization: undefined }, /Authorization/],
    ['a lower-case scheme without a token', { ...goodHeaders, authorization: 'bearer ' }, /Authorization/],
    ['an upper-case scheme without a token', { ...goodHeaders, authorization: 'BEARER' }, /Authorization/],
    ['another scheme', { ...goodHeaders, authorization: 'Basic ZGVtbzpkZW1v' }, /Authorization/],
    ['a tab instead of a space', { ...goodHeaders, authorization: 'Bearer\tdemo-token' }, /Authorization/],
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
