import { formats } from './formats.js';
import { createValidators, type SchemaError } from './generated/validators.js';

/** The spec's response validators (compiled from the spec at generate time), with the client's formats. */
export const validators = createValidators(formats);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** `/data/3/deviceId` → `data[3].deviceId` (JSON pointer segments unescaped). */
function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function formatPath(segments: readonly string[]): string {
  let path = '';
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) path += `[${segment}]`;
    else path += path === '' ? segment : `.${segment}`;
  }
  return path;
}

function valueAt(data: unknown, segments: readonly string[]): unknown {
  let node = data;
  for (const segment of segments) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** What a schema failure means to a caller: the field it is about, and what is wrong with it. */
export interface Problem {
  /** The field as a path into the body (`data[3].deviceId`), or `body` for the body itself. */
  field: string;
  /** E.g. `is missing`, `must be string (got number)`, `must be a date-time`. */
  problem: string;
}

/** Words the first error a generated validator reported on `data`. */
export function describeSchemaError(error: SchemaError | undefined, data: unknown): Problem {
  if (error === undefined) return { field: 'body', problem: 'does not match the spec' };
  const segments = pointerToPath(error.instancePath);
  if (error.keyword === 'required') {
    const missing = String(error.params.missingProperty);
    return { field: formatPath([...segments, missing]), problem: 'is missing' };
  }
  const field = segments.length === 0 ? 'body' : formatPath(segments);
  const { params } = error;
  switch (error.keyword) {
    case 'type':
      return { field, problem: `must be ${String(params.type)} (got ${typeOf(valueAt(data, segments))})` };
    case 'pattern':
      return { field, problem: `must match the pattern ${String(params.pattern)}` };
    case 'format':
      return { field, problem: `must be a ${String(params.format)}` };
    default:
      return { field, problem: `fails the spec's ${error.keyword} rule` };
  }
}
