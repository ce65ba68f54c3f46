// The template of ours that openapi-generator adds to typescript-fetch (packages/client/generator/): what it writes
// for the spec's operation, and that a parameter it cannot send yet fails the client's build rather than being left
// out of the request. Runs the pinned generator (a few seconds a spec).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ensureGeneratorJar, repoRoot } from './ensure-generator-jar.mjs';
import { generateInto } from './openapi-generator.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'koodrive-operations-template-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const spec = () => parse(readFileSync(join(repoRoot, 'openapi', 'koodrive-device.yaml'), 'utf8'));

/** Generates the TypeScript client for `document` into a folder of its own; returns that folder. */
async function generate(name, document) {
  await ensureGeneratorJar();
  const specPath = join(scratch, `${name}.yaml`);
  writeFileSync(specPath, stringify(document));
  const out = join(scratch, name);
  generateInto(out, specPath, name, 'client');
  return out;
}

/** `tsc --noEmit` of the generated operations.ts (and what it imports) under strict settings; its diagnostics. */
function typecheck(folder) {
  writeFileSync(join(folder, 'tsconfig.json'), JSON.stringify({ files: ['operations.ts'] }));
  const result = spawnSync(
    join(repoRoot, 'node_modules', '.bin', 'tsc'),
    ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022'],
    { cwd: folder, encoding: 'utf8', input: '' },
  );
  return { status: result.status, output: result.stdout + result.stderr };
}

function operationOf(document) {
  return document.paths['/koodrive/ose/v1/backup/device'].get;
}

describe('operations.mustache', () => {
  it('writes the path, the method and every header from the operation, an optional header only when given', async () => {
    const document = spec();
    operationOf(document).parameters.push({
      name: 'X-Trace-Id',
      in: 'header',
      required: false,
      schema: { type: 'string' },
    });
    const out = await generate('optional-header', document);
    const written = readFileSync(join(out, 'operations.ts'), 'utf8');
    expect(written).toContain("export const listBoundDevicesPath = '/koodrive/ose/v1/backup/device';");
    expect(written).toContain("'X-User-Id': String(requestParameters['xUserId']),");
    expect(written).toContain("'X-Date': String(requestParameters['xDate']),");
    expect(written).toContain(`Authorization: \`Bearer \${accessToken}\`,`);
    expect(written).toContain(
      "...(requestParameters['xTraceId'] == null ? {} : { 'X-Trace-Id': String(requestParameters['xTraceId']) }),",
    );
    expect(typecheck(out)).toMatchObject({ status: 0 });
  });

  it('writes a query parameter in the form style and a path parameter as one encoded segment, and compiles', async () => {
    const document = spec();
    operationOf(document).parameters.push({ name: 'page', in: 'query', required: false, schema: { type: 'integer' } });
    // Names no growth of the real spec uses, so the test holds whatever the spec has grown.
    document.paths['/koodrive/ose/v1/template-test/{itemId}'] = {
      delete: {
        operationId: 'templateTestDelete',
        parameters: [{ name: 'itemId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 204: { description: 'Deleted.' } },
      },
    };
    const out = await generate('query-and-path', document);
    const written = readFileSync(join(out, 'operations.ts'), 'utf8');
    expect(written).toMatch(
      /path: listBoundDevicesPath \+ formQuery\(\[.*\['page', requestParameters\['page'\]\]\]\),/,
    );
    expect(written).toContain(
      "path: templateTestDeletePath.replace('{' + 'itemId' + '}', pathSegment('itemId', requestParameters['itemId'])),",
    );
    expect(written).toMatch(
      /templateTestDelete: \{\n\s+method: 'DELETE',\n\s+request: templateTestDeleteRequest,\n\s+response: undefined,/,
    );
    expect(typecheck(out)).toMatchObject({ status: 0 });
  });

  it('fails the generation, saying why, when the operation gains a form body the client cannot send', async () => {
    const document = spec();
    operationOf(document).requestBody = {
      content: {
        'application/x-www-form-urlencoded': {
          schema: { type: 'object', properties: { page: { type: 'integer' } } },
        },
      },
    };
    await expect(generate('form-parameter', document)).rejects.toThrow(
      "listBoundDevices's request body has no JSON media type; the client sends JSON bodies only",
    );
  });

  it('refuses a spec parameter named signal, which the client option of that name would shadow', async () => {
    const document = spec();
    operationOf(document).parameters.push({ name: 'signal', in: 'query', required: false, schema: { type: 'string' } });
    await expect(generate('signal-parameter', document)).rejects.toThrow(
      'listBoundDevices has a parameter named "signal", which the client\'s own "signal" option would shadow',
    );
  });
});
