// Compiles, for every operation of the spec, a validator of what a request sends: its path, query and header
// parameters (as strings, coerced per schema type the way a server reads them) and its JSON body (as parsed, not
// coerced). Written beside the generated client as `request-validators.ts`, reachable as
// `@koodrive-device/client/request-validators`, for the mocks (msw handlers and the standalone server). Called by
// openapi-generator.mjs next to generateValidators, so `npm run generate` writes it and `npm run generate:check`
// compares it like the rest of src/generated.
//
// Why standalone code: no ajv and no `new Function` at run time, so the mocks validate requests in a browser
// service worker under a strict CSP as well as in Node. The client's main entry never imports this file.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { ValidatorGenerationError } from './generate-validators.mjs';
import { inlineSchema, readOperations, SpecReadError } from './spec-operations.mjs';

/** A ValidatorGenerationError, so generate-client.mjs reports it as a message, not a stack. */
export class RequestValidatorGenerationError extends ValidatorGenerationError {
  name = 'RequestValidatorGenerationError';
}

/** OpenAPI keywords that only annotate (ajv would reject them in strict mode). */
const ANNOTATIONS = new Set(['example', 'examples', 'description', 'summary', 'deprecated', 'externalDocs', 'xml']);
/** OpenAPI 3.0 keywords ajv does not know and that a request validator may ignore. */
const IGNORED = new Set(['readOnly', 'writeOnly', 'discriminator']);

/**
 * The formats a request schema may use, as ajv-formats' full mode judges them, written into the generated file as
 * plain code (no ajv-formats at run time). A spec that uses another one fails generation with a clear message.
 */
const FORMAT_SOURCES = {
  int32: `{ type: 'number', validate: (value) => Number.isInteger(value) && value <= 2147483647 && value >= -2147483648 }`,
  int64: `{ type: 'number', validate: (value) => Number.isInteger(value) }`,
  date: `{ type: 'string', validate: isDate }`,
  'date-time': `{ type: 'string', validate: isDateTime }`,
};
const DATE_HELPERS = `const DATE = /^(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const TIME = /^(\\d\\d):(\\d\\d):(\\d\\d(?:\\.\\d+)?)(z|([+-])(\\d\\d)(?::?(\\d\\d))?)?$/i;
function isDate(text) {
  const m = DATE.exec(text);
  if (!m) return false;
  const year = +m[1], month = +m[2], day = +m[3];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && leap ? 29 : DAYS[month]);
}
function isTime(text) {
  const m = TIME.exec(text);
  if (!m) return false;
  const hr = +m[1], min = +m[2], sec = +m[3], sign = m[5] === '-' ? -1 : 1, tzH = +(m[6] || 0), tzM = +(m[7] || 0);
  if (tzH > 23 || tzM > 59 || !m[4]) return false;
  if (hr <= 23 && min <= 59 && sec < 60) return true;
  const utcMin = min - tzM * sign;
  const utcHr = hr - tzH * sign - (utcMin < 0 ? 1 : 0);
  return (utcHr === 23 || utcHr === -1) && (utcMin === 59 || utcMin === -1) && sec < 61;
}
function isDateTime(text) {
  const parts = text.split(/t|\\s/i);
  return parts.length === 2 && isDate(parts[0]) && isTime(parts[1]);
}
`;

/** ajv's one runtime helper a request schema needs (string lengths in code points), inlined. */
const UCS2LENGTH = `function ucs2length(text) {
  let length = 0;
  for (let pos = 0; pos < text.length; length++) {
    const unit = text.charCodeAt(pos++);
    if (unit >= 0xd800 && unit <= 0xdbff && pos < text.length && (text.charCodeAt(pos) & 0xfc00) === 0xdc00) pos++;
  }
  return length;
}`;

/** Inlines every local `$ref`, drops annotations, and collects the formats used. */
function resolveSchema(document, schema, formats) {
  const keep = (key, value, owner) => {
    if (key.startsWith('x-') || ANNOTATIONS.has(key) || IGNORED.has(key)) return false;
    if (key === 'format') {
      if (FORMAT_SOURCES[value] === undefined) {
        throw new RequestValidatorGenerationError(
          `A request of the spec uses format "${value}", which the mocks do not validate yet: add it to FORMAT_SOURCES in scripts/generate-request-validators.mjs.`,
        );
      }
      formats.add(value);
    }
    // OpenAPI 3.0's nullable: ajv knows it only beside a type.
    if (key === 'nullable') return value === true && owner.type !== undefined;
    return true;
  };
  try {
    return inlineSchema(document, schema, keep);
  } catch (error) {
    if (error instanceof SpecReadError) throw new RequestValidatorGenerationError(error.message);
    throw error;
  }
}

/** Header parameters OpenAPI says tools ignore (they are the transport's or the security scheme's). */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** The schema of `{path, query, header}` for one operation: each parameter by its name in the spec. */
function parametersSchema(document, operation, formats) {
  const groups = {};
  for (const where of ['path', 'query', 'header']) {
    const parameters = operation.parameters.filter(
      (parameter) =>
        parameter.in === where && !(where === 'header' && IGNORED_HEADERS.has(parameter.name.toLowerCase())),
    );
    groups[where] = {
      type: 'object',
      properties: Object.fromEntries(
        parameters.map((parameter) => [parameter.name, resolveSchema(document, parameter.schema, formats)]),
      ),
      required: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
    };
  }
  return { type: 'object', properties: groups, required: ['path', 'query', 'header'] };
}

/** ajv's standalone code for `schemas` (name → schema), as the body of a factory returning them by name. */
function factoryBody(schemas, coerceTypes, label) {
  const ajv = new Ajv({
    code: { source: true, esm: true, lines: true, formats: _`formats` },
    strict: true,
    strictTypes: false,
    allErrors: false,
    coerceTypes,
    // OpenAPI 3.0 schemas, as the spec writes them.
    discriminator: false,
  });
  // ajv-formats' definitions, so the code calls `formats[name].validate`: the ones written into the file.
  addFormats(ajv, Object.keys(FORMAT_SOURCES));
  for (const [name, schema] of schemas) ajv.addSchema(schema, name);
  const exportNames = Object.fromEntries([...schemas.keys()].map((name) => [`validate_${name}`, name]));
  const code = standaloneCode(ajv, exportNames);
  const returned = [];
  let body = code
    .replace(/^"use strict";\n/, '')
    .replace(/^export const validate_(\w+) = (\w+);\n/gm, (_l, name, fn) => {
      returned.push(`    ${name}: ${fn},`);
      return '';
    });
  body = body.replace(
    /^const (\w+) = require\("ajv\/dist\/runtime\/ucs2length"\)\.default;\n/gm,
    'const $1 = ucs2length;\n',
  );
  if (/\brequire\(|^import /m.test(body)) {
    throw new RequestValidatorGenerationError(
      `The spec's ${label} now need an ajv runtime helper (a require/import in the standalone code), which the generated request validators cannot ship: see scripts/generate-request-validators.mjs.`,
    );
  }
  if (returned.length !== schemas.size) {
    throw new RequestValidatorGenerationError(
      'ajv standalone output changed shape: expected one export line per schema.',
    );
  }
  return `${body.trimEnd()}\n  return {\n${returned.join('\n')}\n  };`;
}

function requestValidatorsSource(document) {
  let operations;
  try {
    operations = readOperations(document);
  } catch (error) {
    if (error instanceof SpecReadError) throw new RequestValidatorGenerationError(error.message);
    throw error;
  }
  const formats = new Set();
  const parameterSchemas = new Map(
    operations.map((operation) => [operation.operationId, parametersSchema(document, operation, formats)]),
  );
  const bodySchemas = new Map(
    operations
      .filter((operation) => operation.requestBody !== undefined)
      .map((operation) => [operation.operationId, resolveSchema(document, operation.requestBody.schema, formats)]),
  );
  const usedFormats = [...formats].sort();
  const table = operations
    .map(({ operationId }) => {
      const body = bodySchemas.has(operationId) ? `, body: bodies.${operationId}` : '';
      return `  ${operationId}: { parameters: parameters.${operationId}${body} },`;
    })
    .join('\n');
  const names = operations.map(({ operationId }) => `  readonly ${operationId}: RequestValidators;`).join('\n');
  return `/* eslint-disable */
// @ts-nocheck: ajv's standalone output is plain JavaScript.
/**
 * Request validators of the spec, one per operation, compiled by ajv (standalone code): \`parameters\` judges
 * \`{path, query, header}\` (each parameter by its name in the spec, as the strings a request carries, coerced in
 * place per schema type: \`'2'\` to 2, \`'true'\` to true, one value to a one-item array), \`body\` the parsed JSON
 * body (not coerced). Plain JavaScript: no ajv and no \`new Function\` at run time.
 * Generated by scripts/generate-request-validators.mjs from openapi/koodrive-device.yaml: do not edit by hand.
 * \`npm run generate\` rewrites this file and \`npm run generate:check\` fails when it is stale.
 */

/** One validation failure, as ajv reports it (\`instancePath\` is a JSON pointer: \`/query/deviceOS\`, \`/deviceName\`). */
export interface RequestSchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** True when the value satisfies the schema; otherwise false, with the first failure in \`errors\`. */
export interface RequestValidator {
  (data: unknown): boolean;
  errors?: RequestSchemaError[] | null;
}

/** One operation's validators: its parameters, and its JSON body when it takes one. */
export interface RequestValidators {
  readonly parameters: RequestValidator;
  readonly body?: RequestValidator;
}

${usedFormats.some((format) => format.startsWith('date')) ? DATE_HELPERS : ''}const formats = {
${usedFormats.map((format) => `  ${JSON.stringify(format)}: ${FORMAT_SOURCES[format]},`).join('\n')}
};

${UCS2LENGTH}

const parameters = (() => {
${factoryBody(parameterSchemas, 'array', 'parameters')}
})();

const bodies = (() => {
${bodySchemas.size === 0 ? '  return {};' : factoryBody(bodySchemas, false, 'request bodies')}
})();

/** Every operation's request validators, by operationId. */
export const requestValidators: {
${names}
} = {
${table}
};
`;
}

/** Writes request-validators.ts for the spec at `specPath` into `outDir`. */
export function generateRequestValidators(specPath, outDir) {
  const document = parse(readFileSync(specPath, 'utf8'));
  writeFileSync(join(outDir, 'request-validators.ts'), requestValidatorsSource(document));
}
