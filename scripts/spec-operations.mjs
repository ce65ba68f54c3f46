// Reads a parsed OpenAPI document the way the generated code needs it: every operation with its parameters (path
// item and operation level merged, `$ref`s resolved), its JSON request body and its responses (schema name and
// documented example), and the names of the component schemas the operations answer with. Shared by
// generate-validators.mjs (validators and schemas.ts) so the client, the mocks and the contracts read one table.
export class SpecReadError extends Error {
  name = 'SpecReadError';
}

/**
 * A schema with every local reference (`#/components/schemas/X`) inlined, keeping each keyword `keep(key, value,
 * schema)` says yes to (it may throw to refuse one). `properties` maps names to schemas: each is walked, a property
 * name is never taken for a keyword. A recursive schema cannot be inlined and is refused.
 */
export function inlineSchema(document, schema, keep, seen = []) {
  if (Array.isArray(schema)) return schema.map((item) => inlineSchema(document, item, keep, seen));
  if (schema === null || typeof schema !== 'object') return schema;
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace(/^#\/components\/schemas\//, '');
    const target = document.components?.schemas?.[name];
    if (target === undefined) throw new SpecReadError(`Unresolvable schema reference ${schema.$ref}`);
    if (seen.includes(name)) throw new SpecReadError(`Recursive schema ${name} is not supported`);
    return inlineSchema(document, target, keep, [...seen, name]);
  }
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!keep(key, value, schema)) continue;
    out[key] =
      key === 'properties'
        ? Object.fromEntries(Object.entries(value).map(([n, s]) => [n, inlineSchema(document, s, keep, seen)]))
        : inlineSchema(document, value, keep, seen);
  }
  return out;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Caller options of the TypeScript client that a spec parameter may not shadow. */
const RESERVED_PARAMETER_NAMES = new Set(['signal']);

function resolveRef(document, value, kind) {
  if (value === null || typeof value !== 'object' || typeof value.$ref !== 'string') return value;
  const prefix = `#/components/${kind}/`;
  if (!value.$ref.startsWith(prefix))
    throw new SpecReadError(`Unsupported reference ${value.$ref} (expected ${prefix}…)`);
  const target = document.components?.[kind]?.[value.$ref.slice(prefix.length)];
  if (target === undefined) throw new SpecReadError(`Unresolvable reference ${value.$ref}`);
  return resolveRef(document, target, kind);
}

/** `listBoundDevices` → `ListBoundDevices` (openapi-generator's camelize of an operationId). */
const upperFirst = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/** The component name a schema refers to, or a name for an inline one as openapi-generator names it. */
function schemaNameOf(schema, inlineName) {
  if (schema === undefined) return undefined;
  if (typeof schema.$ref === 'string') return schema.$ref.replace(/^#\/components\/schemas\//, '');
  return inlineName;
}

function exampleOf(media) {
  if (media.example !== undefined) return media.example;
  const first = Object.values(media.examples ?? {})[0];
  return first?.value;
}

/** The JSON media type of a content map (`application/json`, `application/problem+json`, …), if any. */
function jsonMedia(content) {
  const type = Object.keys(content ?? {}).find((name) => /^application\/(?:[\w.-]+\+)?json(?:\s*;|$)/i.test(name));
  return type === undefined ? undefined : { type, media: content[type] };
}

/** Every operation of `document`, in the spec's order, as plain data. */
export function readOperations(document) {
  const operations = [];
  for (const [path, rawItem] of Object.entries(document.paths ?? {})) {
    const item = resolveRef(document, rawItem, 'pathItems');
    for (const method of METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      const { operationId } = operation;
      if (typeof operationId !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(operationId)) {
        throw new SpecReadError(`${method.toUpperCase()} ${path} needs an operationId that is a JavaScript name`);
      }
      const byKey = new Map();
      for (const raw of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
        const parameter = resolveRef(document, raw, 'parameters');
        byKey.set(`${parameter.in}:${parameter.name}`, parameter);
      }
      const parameters = [...byKey.values()].map((parameter) => {
        if (RESERVED_PARAMETER_NAMES.has(parameter.name)) {
          throw new SpecReadError(
            `${operationId} has a parameter named "${parameter.name}", which the client's own "${parameter.name}" option would shadow: rename the parameter in the spec.`,
          );
        }
        return {
          name: parameter.name,
          in: parameter.in,
          required: parameter.in === 'path' || parameter.required === true,
          schema: parameter.schema ?? {},
          ...(parameter.example === undefined ? {} : { example: parameter.example }),
          ...(parameter.style === undefined ? {} : { style: parameter.style }),
          ...(parameter.explode === undefined ? {} : { explode: parameter.explode }),
        };
      });
      let requestBody;
      if (operation.requestBody !== undefined) {
        const body = resolveRef(document, operation.requestBody, 'requestBodies');
        const json = jsonMedia(body.content);
        if (json === undefined) {
          throw new SpecReadError(
            `${operationId}'s request body has no JSON media type; the client sends JSON bodies only`,
          );
        }
        requestBody = {
          required: body.required === true,
          contentType: json.type,
          schemaName: schemaNameOf(json.media.schema, `${upperFirst(operationId)}Request`),
          schema: json.media.schema ?? {},
        };
      }
      const responses = {};
      for (const [status, raw] of Object.entries(operation.responses ?? {})) {
        const response = resolveRef(document, raw, 'responses');
        const json = jsonMedia(response.content);
        const headers = Object.fromEntries(
          Object.entries(response.headers ?? {}).map(([name, header]) => [
            name,
            resolveRef(document, header, 'headers'),
          ]),
        );
        responses[status] = {
          ...(json === undefined
            ? {}
            : {
                contentType: json.type,
                schemaName: schemaNameOf(json.media.schema, `${upperFirst(operationId)}${status}Response`),
                schema: json.media.schema ?? {},
                ...(exampleOf(json.media) === undefined ? {} : { example: exampleOf(json.media) }),
              }),
          ...(Object.keys(headers).length === 0 ? {} : { headers }),
        };
      }
      // The security requirements in force (the operation's own, else the document's): the schemes' names.
      const security = (operation.security ?? document.security ?? []).flatMap((requirement) =>
        Object.keys(requirement),
      );
      operations.push({
        operationId,
        method: method.toUpperCase(),
        path,
        security,
        parameters,
        requestBody,
        responses,
      });
    }
  }
  return operations;
}

/** The schemas the operations' JSON responses are, by name (component or inline), in first-seen order. */
export function responseSchemas(operations) {
  const schemas = new Map();
  for (const operation of operations) {
    for (const response of Object.values(operation.responses)) {
      if (response.schemaName !== undefined && !schemas.has(response.schemaName)) {
        schemas.set(response.schemaName, response.schema);
      }
    }
  }
  return schemas;
}
