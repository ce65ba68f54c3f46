// The generated request validators judge what a server reads: parameters as strings, coerced per schema type (an
// integer, a boolean, an exploded array), the JSON body as sent (not coerced), the formats as ajv-formats does.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { generateRequestValidators, RequestValidatorGenerationError } from './generate-request-validators.mjs';

const spec = (operation) => ({
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  paths: { '/items/{id}': { post: { operationId: 'touch', responses: { 200: { description: 'ok' } }, ...operation } } },
  components: {
    schemas: {
      Touch: {
        type: 'object',
        required: ['when'],
        properties: { when: { type: 'string', format: 'date-time' }, count: { type: 'integer', format: 'int32' } },
      },
    },
  },
});

let dir;
function generate(document) {
  const specPath = join(dir, 'spec.yaml');
  writeFileSync(specPath, stringify(document));
  generateRequestValidators(specPath, dir);
}

describe('generateRequestValidators', () => {
  let touch;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'request-validators-'));
    generate(
      spec({
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
          { name: 'dry', in: 'query', schema: { type: 'boolean' } },
          { name: 'tag', in: 'query', schema: { type: 'array', items: { type: 'integer' } } },
          { name: 'X-Trace', in: 'header', required: true, schema: { type: 'string', minLength: 2 } },
          { name: 'Authorization', in: 'header', required: true, schema: { type: 'string' } },
        ],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Touch' } } },
        },
      }),
    );
    ({ touch } = (await import(join(dir, 'request-validators.ts'))).requestValidators);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('coerces parameters from strings per schema type, in place', () => {
    const data = { path: { id: '7' }, query: { dry: 'true', tag: '3' }, header: { 'X-Trace': 'ab' } };
    expect(touch.parameters(data)).toBe(true);
    expect(data).toEqual({ path: { id: 7 }, query: { dry: true, tag: [3] }, header: { 'X-Trace': 'ab' } });
    const many = { path: { id: '7' }, query: { tag: ['1', '2'] }, header: { 'X-Trace': 'ab' } };
    expect(touch.parameters(many)).toBe(true);
    expect(many.query.tag).toEqual([1, 2]);
  });

  it.each([
    [{ path: { id: 'x' }, query: {}, header: { 'X-Trace': 'ab' } }, '/path/id', 'type'],
    [{ path: { id: '0' }, query: {}, header: { 'X-Trace': 'ab' } }, '/path/id', 'minimum'],
    [{ path: { id: '1' }, query: { dry: 'maybe' }, header: { 'X-Trace': 'ab' } }, '/query/dry', 'type'],
    [{ path: { id: '1' }, query: {}, header: {} }, '/header', 'required'],
  ])('refuses %j at %s (%s)', (data, instancePath, keyword) => {
    expect(touch.parameters(data)).toBe(false);
    expect(touch.parameters.errors?.[0]).toMatchObject({ instancePath, keyword });
  });

  it('ignores an Authorization header parameter (the security scheme says it)', () => {
    expect(touch.parameters({ path: { id: '1' }, query: {}, header: { 'X-Trace': 'ab' } })).toBe(true);
  });

  it('judges the body as sent, formats included, never coercing it', () => {
    expect(touch.body({ when: '2026-02-12T10:00:00Z', count: 3 })).toBe(true);
    expect(touch.body({ when: '2026-02-30T10:00:00Z' })).toBe(false);
    expect(touch.body.errors?.[0]).toMatchObject({ instancePath: '/when', keyword: 'format' });
    expect(touch.body({ when: '2026-02-12T10:00:00Z', count: '3' })).toBe(false);
    expect(touch.body({ when: '2026-02-12T10:00:00Z', count: 2 ** 31 })).toBe(false);
  });

  it('fails with a clear message for a format it cannot validate', () => {
    const document = spec({});
    document.components.schemas.Touch.properties.when.format = 'uuid';
    document.paths['/items/{id}'].post.requestBody = {
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Touch' } } },
    };
    expect(() => generate(document)).toThrow(RequestValidatorGenerationError);
    expect(() => generate(document)).toThrow(/format "uuid"/);
  });
});
