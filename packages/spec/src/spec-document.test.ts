import { describe, expect, it } from 'vitest';
import { findOperation, loadSpecDocument, resolveRef, specPath, validateSpecDocument } from './spec-document.js';

const document = loadSpecDocument();

describe('the KooDrive device OpenAPI document', () => {
  it('is a valid OpenAPI 3.0 document whose references all resolve', async () => {
    await expect(validateSpecDocument()).resolves.toBeUndefined();
  });

  it('rejects a document that breaks the OpenAPI schema, so the check above can fail', async () => {
    const { mkdtempSync, writeFileSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const broken = join(mkdtempSync(join(tmpdir(), 'spec-')), 'broken.yaml');
    writeFileSync(
      broken,
      // The first reference to XDate, however the YAML quotes it.
      readFileSync(specPath, 'utf8').replace(
        /(\$ref: )(['"]?)#\/components\/parameters\/XDate\2/,
        '$1$2#/components/parameters/Nope$2',
      ),
    );
    await expect(validateSpecDocument(broken)).rejects.toThrow(/Nope/);
  });

  it('describes GET /koodrive/ose/v1/backup/device as listBoundDevices', () => {
    const { path, method } = findOperation(document, 'listBoundDevices');
    expect(`${method} ${path}`).toBe('GET /koodrive/ose/v1/backup/device');
  });

  it('requires X-User-Id and X-Date headers, X-Date as yyyyMMddTHHmmssZ, and a bearer token', () => {
    const { operation } = findOperation(document, 'listBoundDevices');
    const headers = (operation.parameters ?? []).map((p) => resolveRef(document, p));
    // Whatever other parameters the operation grows, these two stay required headers.
    expect(headers.map((h) => [h.name, h.in, h.required])).toEqual(
      expect.arrayContaining([
        ['X-User-Id', 'header', true],
        ['X-Date', 'header', true],
      ]),
    );
    expect(headers.find((h) => h.name === 'X-Date')?.schema.pattern).toBe('^\\d{8}T\\d{6}Z$');
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('keeps the 19-digit example device IDs as strings when the YAML is parsed', () => {
    const { operation } = findOperation(document, 'listBoundDevices');
    const ok = resolveRef(document, operation.responses['200'] ?? { $ref: '' });
    const example = ok.content?.['application/json']?.examples?.reference?.value as { data: { deviceId: unknown }[] };
    expect(example.data.map((d) => d.deviceId)).toEqual(['1775406005920779393', '1842812272691451648']);
    expect(example.data.every((d) => typeof d.deviceId === 'string')).toBe(true);
  });

  it('marks every error response as an assumption, since the reference documents only 200', () => {
    const { operation } = findOperation(document, 'listBoundDevices');
    const errors = Object.entries(operation.responses).filter(([status]) => status !== '200');
    expect(errors.length).toBeGreaterThan(0);
    for (const [, response] of errors) {
      expect(resolveRef(document, response)).toHaveProperty('x-assumption', true);
    }
  });
});
