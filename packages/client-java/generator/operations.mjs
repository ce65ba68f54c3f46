// What openapi-generator's mustache cannot work out for operations.mustache (beside this file), given to it as
// vendor extensions on a copy of the spec, and the one step after the run: splitting the template's output into one
// Java file per public class. scripts/openapi-generator.mjs calls both for the `client-java` generator.
//
// Mustache can walk an operation's parameters, but it cannot look up the schema of the operation's answer (to tell
// whether the envelope has `data`, and of what Java type) nor compare a name (to tell the headers the client signs
// from those a caller sets). Both are decided here, from the spec, and anything the Java client cannot send fails
// generation with a sentence saying so, instead of being left out of the request.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

/** The headers the client writes on every attempt, never a caller. */
export const SIGNED_HEADERS = new Set(['x-user-id', 'x-date', 'authorization']);
const METHODS = ['get', 'head', 'put', 'delete', 'post', 'patch', 'options', 'trace'];

function resolve(document, node) {
  let value = node;
  while (value?.$ref !== undefined) {
    value = value.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((at, key) => at?.[key], document);
  }
  return value;
}

const modelName = (ref) => {
  const name = ref.split('/').pop();
  return name.charAt(0).toUpperCase() + name.slice(1);
};

/** The Java type of the envelope's `data` (as the generated model declares it), or undefined without `data`. */
function dataType(document, operationId, schema) {
  const properties = resolve(document, schema)?.properties ?? {};
  if (schema.$ref === undefined || properties.code === undefined || properties.msg === undefined) {
    throw new Error(
      `${operationId}: the Java client reads a 2xx answer that is a named {code, msg, data} envelope only`,
    );
  }
  const data = properties.data;
  if (data === undefined) return undefined;
  if (data.$ref !== undefined) return modelName(data.$ref);
  if (data.type === 'array' && data.items?.$ref !== undefined) return `List<${modelName(data.items.$ref)}>`;
  const scalars = { string: 'String', boolean: 'Boolean', integer: 'Integer' };
  if (scalars[data.type] !== undefined && data.format === undefined) return scalars[data.type];
  throw new Error(`${operationId}: the Java template does not know the Java type of this answer's data yet`);
}

/** The spec text with the vendor extensions operations.mustache reads. */
export function prepareSpec(specText) {
  const document = parse(specText);
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      const where = `${method.toUpperCase()} ${path} (${operation.operationId})`;
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((p) => resolve(document, p));
      for (const parameter of parameters) {
        if (!['path', 'query', 'header'].includes(parameter.in)) {
          throw new Error(`${where}: the Java client does not send ${parameter.in} parameter ${parameter.name} yet`);
        }
        if (parameter.in === 'header' && SIGNED_HEADERS.has(parameter.name.toLowerCase())) {
          parameter['x-koodrive-signed'] = true;
        }
        if (parameter.content !== undefined || ((parameter.style ?? 'form') !== 'form' && parameter.in === 'query')) {
          throw new Error(`${where}: the Java client sends query parameters in the default form style only`);
        }
      }
      const body = resolve(document, operation.requestBody);
      if (body !== undefined && Object.keys(body.content ?? {}).some((type) => type !== 'application/json')) {
        throw new Error(`${where}: the Java client sends a JSON request body only`);
      }
      const callerRequired = parameters.some(
        (p) => p.required && !(p.in === 'header' && SIGNED_HEADERS.has(p.name.toLowerCase())),
      );
      operation['x-koodrive-parameters-optional'] = !callerRequired && body?.required !== true;
      const ok = Object.entries(operation.responses ?? {}).find(([status]) => /^2\d\d$/.test(status));
      const schema = ok && resolve(document, ok[1])?.content?.['application/json']?.schema;
      if (schema === undefined) throw new Error(`${where}: the Java client reads a JSON 2xx answer only`);
      const type = dataType(document, operation.operationId, schema);
      if (type !== undefined) operation['x-koodrive-data-type'] = type;
    }
  }
  return stringify(document, { lineWidth: 0 });
}

/**
 * Splits each `*.java-files` the template wrote (sections headed `//// Name.java`) into those files beside it: Java
 * wants one public class a file, and openapi-generator writes one supporting file a template.
 */
export function splitJavaFiles(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.java-files')) continue;
    const bundle = join(entry.parentPath, entry.name);
    const sections = readFileSync(bundle, 'utf8').split(/^\/\/\/\/ (\S+\.java)\n/m);
    for (let i = 1; i < sections.length; i += 2) {
      writeFileSync(join(entry.parentPath, sections[i]), `${sections[i + 1].trim()}\n`);
    }
    rmSync(bundle);
  }
}
