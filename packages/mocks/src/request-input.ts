import type { HeaderReader } from './request-checks.js';
import type { CompiledOperation, RequestSchemaError, RouteMatch } from './spec.js';

/** A request's parameters by their names in the spec, coerced per schema type once validated. */
export interface OperationParameters {
  readonly path: Readonly<Record<string, unknown>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly header: Readonly<Record<string, unknown>>;
}

/** Header parameters OpenAPI says tools ignore: the transport's and the security scheme's. */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

function isArraySchema(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && (schema as { type?: unknown }).type === 'array';
}

/**
 * The request's parameters as strings, by their names in the spec (only the ones the spec declares): path
 * parameters percent-decoded, query parameters in OpenAPI's default form style (`a=1&a=2` for an array,
 * `a=1,2` when `explode: false`), headers as sent. `undefined` with the name of a path parameter that is not
 * valid percent-encoding.
 */
export function readParameters(
  operation: CompiledOperation,
  match: RouteMatch,
  search: string,
  headers: HeaderReader,
):
  | { parameters: { path: Record<string, unknown>; query: Record<string, unknown>; header: Record<string, unknown> } }
  | {
      badPath: string;
    } {
  const path: Record<string, unknown> = {};
  const names = match.route.parameterNames;
  for (let i = 0; i < names.length; i++) {
    const raw = match.rawParameters[i] ?? '';
    try {
      path[names[i] as string] = raw.includes('%') ? decodeURIComponent(raw) : raw;
    } catch {
      return { badPath: names[i] as string };
    }
  }
  const query: Record<string, unknown> = {};
  const header: Record<string, unknown> = {};
  let searchParams: URLSearchParams | undefined;
  for (const parameter of operation.spec.parameters) {
    if (parameter.in === 'query') {
      searchParams ??= new URLSearchParams(search);
      const values = searchParams.getAll(parameter.name);
      if (values.length === 0) continue;
      if (isArraySchema(parameter.schema) && parameter.explode === false) {
        query[parameter.name] = (values[0] as string).split(',');
      } else query[parameter.name] = values.length === 1 ? values[0] : values;
    } else if (parameter.in === 'header' && !IGNORED_HEADERS.has(parameter.name.toLowerCase())) {
      const value = headers.get(parameter.name);
      if (value !== null) header[parameter.name] = value;
    }
  }
  return { parameters: { path, query, header } };
}

const KINDS: Record<string, string> = { path: 'path parameter', query: 'query parameter', header: 'header' };

function unescapePointer(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** `['deviceName', '0', 'a b']` → `.deviceName[0]["a b"]`. */
function accessPath(segments: readonly string[]): string {
  return segments
    .map((segment) => {
      if (/^\d+$/.test(segment)) return `[${segment}]`;
      if (/^[A-Za-z_$][\w$]*$/.test(segment)) return `.${segment}`;
      return `[${JSON.stringify(segment)}]`;
    })
    .join('');
}

/** What ajv's error says, in words that name no request value (only the spec's names, limits and patterns). */
function predicate(error: RequestSchemaError): string {
  if (error.keyword === 'enum' && Array.isArray(error.params.allowedValues)) {
    return `must be one of ${error.params.allowedValues.map((value) => JSON.stringify(value)).join(', ')}`;
  }
  return error.message ?? `does not satisfy ${error.keyword}`;
}

/**
 * A parameter error in words: `query parameter deviceOS must NOT have fewer than 1 characters`,
 * `path parameter deviceId must match pattern "^[0-9]+$"`, `header X-Date is missing`.
 */
export function describeParameterError(error: RequestSchemaError): string {
  const [group = '', name, ...rest] = error.instancePath.split('/').slice(1).map(unescapePointer);
  const kind = KINDS[group] ?? group;
  if (name === undefined) {
    if (error.keyword === 'required') return `${kind} ${String(error.params.missingProperty)} is missing`;
    return `${kind}s ${predicate(error)}`;
  }
  const where = `${kind} ${name}${accessPath(rest)}`;
  if (error.keyword === 'required') return `${where}.${String(error.params.missingProperty)} is missing`;
  return `${where} ${predicate(error)}`;
}

/** A body error in words: `body.deviceName is missing`, `body.deviceName must NOT have more than 64 characters`. */
export function describeBodyError(error: RequestSchemaError): string {
  const where = `body${accessPath(error.instancePath.split('/').slice(1).map(unescapePointer))}`;
  if (error.keyword === 'required') return `${where}${accessPath([String(error.params.missingProperty)])} is missing`;
  if (error.keyword === 'additionalProperties') {
    return `${where}${accessPath([String(error.params.additionalProperty)])} is not allowed`;
  }
  return `${where} ${predicate(error)}`;
}

/** `application/json`, `application/problem+json; charset=utf-8`: a JSON media type. */
export function isJsonMediaType(contentType: string | null): boolean {
  if (contentType === null) return false;
  const mediaType = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return /^application\/(?:[\w.-]+\+)?json$/.test(mediaType);
}

/**
 * A request body the mock may read, at most `maxBytes` of it: the bytes, or `undefined` when the body is longer
 * (the reader stops there and keeps nothing past the bound).
 */
export interface MockRequestBody {
  read(maxBytes: number): Promise<Uint8Array | undefined>;
}

/** A body reader over a Fetch body stream (msw): counts bytes as they arrive and cancels the stream past the bound. */
export function streamBody(stream: ReadableStream<Uint8Array> | null): MockRequestBody {
  return {
    async read(maxBytes) {
      if (stream === null) return new Uint8Array(0);
      const reader = stream.getReader();
      const chunks: Uint8Array[] = [];
      let size = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          // Not awaited: a teed stream (msw clones the request) settles its cancel only once every branch has.
          reader.cancel().catch(() => undefined);
          return undefined;
        }
        chunks.push(value);
      }
      const bytes = new Uint8Array(size);
      let at = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, at);
        at += chunk.byteLength;
      }
      return bytes;
    },
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body's JSON value, or `undefined` when it is not UTF-8 JSON (the parse error is never echoed: it quotes the body). */
export function parseJsonBody(bytes: Uint8Array): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(utf8.decode(bytes)) as unknown };
  } catch {
    return undefined;
  }
}
