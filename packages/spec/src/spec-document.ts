import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { parse } from 'yaml';

/** Absolute path of the one source of truth, `openapi/koodrive-device.yaml` at the repository root. */
export const specPath: string = fileURLToPath(new URL('../../../openapi/koodrive-device.yaml', import.meta.url));

/** The OpenAPI document as JSON, exactly as written (references not resolved). */
export type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, OperationObject>>;
  components: {
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, ParameterObject>;
    responses: Record<string, ResponseObject>;
    securitySchemes: Record<string, { type: string; scheme?: string }>;
    headers?: Record<string, { schema: JsonSchema }>;
  };
};
export type JsonSchema = { [keyword: string]: unknown };
export type Reference = { $ref: string };
export type ParameterObject = {
  name: string;
  in: 'header' | 'query' | 'path' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
  example?: unknown;
};
export type ResponseObject = {
  description: string;
  headers?: Record<string, Reference | { schema: JsonSchema }>;
  content?: Record<string, { schema: JsonSchema; example?: unknown; examples?: Record<string, { value: unknown }> }>;
};
export type OperationObject = {
  operationId: string;
  parameters?: (Reference | ParameterObject)[];
  responses: Record<string, Reference | ResponseObject>;
  security?: Record<string, string[]>[];
};

/** Reads and parses the spec. YAML strings stay strings: a quoted 19-digit `deviceId` is never a number. */
export function loadSpecDocument(path: string = specPath): OpenApiDocument {
  return parse(readFileSync(path, 'utf8')) as OpenApiDocument;
}

/** Validates the spec against the OpenAPI 3.0 schema and resolves every `$ref`; rejects with the reason. */
export async function validateSpecDocument(path: string = specPath): Promise<void> {
  await SwaggerParser.validate(path);
}

/** Follows a local `#/components/...` reference inside the document. */
export function resolveRef<T>(document: OpenApiDocument, value: T | Reference): T {
  if (typeof value !== 'object' || value === null || !('$ref' in value)) return value as T;
  const segments = value.$ref.replace(/^#\//, '').split('/');
  let node: unknown = document;
  for (const segment of segments) {
    if (typeof node !== 'object' || node === null || !(segment in node)) {
      throw new Error(`Unresolvable reference ${value.$ref} in the OpenAPI document`);
    }
    node = (node as Record<string, unknown>)[segment];
  }
  return node as T;
}

/** The operation with that `operationId`, with its path and method. */
export function findOperation(
  document: OpenApiDocument,
  operationId: string,
): { path: string; method: string; operation: OperationObject } {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (operation.operationId === operationId) return { path, method: method.toUpperCase(), operation };
    }
  }
  throw new Error(`No operation ${operationId} in the OpenAPI document`);
}
