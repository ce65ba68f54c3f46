import { MatchersV3 } from '@pact-foundation/pact';
import { checkedExample } from './request-matchers.js';

/**
 * Pact matchers for a JSON body, derived from a schema of the spec as data (`@koodrive-device/client/schemas`).
 * The rule: a pact demands what its consumer relies on. An object's required properties are always matched; an
 * optional one only when the consumer asks for it (`include`, or an `example` value naming it), so a property the
 * spec gains later, with or without an example, changes no pact.
 */

/** A schema as the generator writes it into `schemas.ts` (references inlined): the parts the matchers read. */
export interface SchemaNode {
  readonly type?: string;
  readonly required?: readonly string[];
  readonly properties?: { readonly [name: string]: SchemaNode };
  readonly items?: SchemaNode;
  readonly pattern?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly example?: unknown;
  readonly nullable?: boolean;
  readonly minItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
}

/**
 * RFC 3339 `date-time` (section 5.6), what the spec's `format: date-time` means: `T` between date and time,
 * fractional seconds optional, `Z` or a `+hh:mm`/`-hh:mm` offset (`T` and `Z` in either case, as the RFC allows).
 * `[0-9]`, not `\d`, which a Unicode-aware regex engine reads as any script's decimal digit.
 */
export const DATE_TIME_PATTERN =
  '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$';

/** Several matchers that must all hold (Pact's integration JSON takes an array as `pact:matcher:type`). */
export interface AllOfMatcher<T> {
  'pact:matcher:type': readonly ({ 'pact:matcher:type': 'type' } | { 'pact:matcher:type': 'regex'; regex: string })[];
  value: T;
}

/**
 * A JSON string that matches `pattern`: type AND regex. Pact's regex matcher alone accepts a JSON number whose
 * digits match, and a number is exactly what must fail where the spec says string (a 19-digit ID loses digits).
 */
export function stringMatching(what: string, pattern: string, example: string): AllOfMatcher<string> {
  return {
    'pact:matcher:type': [{ 'pact:matcher:type': 'type' }, { 'pact:matcher:type': 'regex', regex: pattern }],
    value: checkedExample(what, pattern, example),
  };
}

/** An anchored regex accepting exactly the given alternatives (an `enum`). */
export function enumPattern(values: readonly unknown[]): string {
  return `^(${values.map((value) => String(value).replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|')})$`;
}

// ---- Types derived from a schema's `as const` literal ----------------------------------------------------------

type PropsOf<S> = S extends { readonly properties: infer P } ? P : Record<never, never>;
type RequiredOf<S> = S extends { readonly required: readonly (infer R)[] } ? R : never;
type ItemOf<S> = S extends { readonly type: 'array'; readonly items: infer I } ? ItemOf<I> : S;

/** Every optional property of an object schema, as a dotted path (`data`, `data.deviceModel`; arrays transparent). */
export type OptionalPaths<S, Prefix extends string = ''> = string extends keyof PropsOf<S>
  ? string
  : {
      [K in keyof PropsOf<S> & string]:
        | (K extends RequiredOf<S> ? never : `${Prefix}${K}`)
        | OptionalPaths<ItemOf<PropsOf<S>[K]>, `${Prefix}${K}.`>;
    }[keyof PropsOf<S> & string];

/** Every array property of an object schema, as a dotted path. */
export type ArrayPaths<S, Prefix extends string = ''> = string extends keyof PropsOf<S>
  ? string
  : {
      [K in keyof PropsOf<S> & string]:
        | (PropsOf<S>[K] extends { readonly type: 'array' } ? `${Prefix}${K}` : never)
        | ArrayPaths<ItemOf<PropsOf<S>[K]>, `${Prefix}${K}.`>;
    }[keyof PropsOf<S> & string];

type Nullable<S, T> = S extends { readonly nullable: true } ? T | null : T;

/**
 * Example values for a schema, every property optional at every depth: an array is given as a list whose first
 * element overrides the template every element must match (`[]` asks for exactly an empty array).
 */
export type ExampleOf<S> = Nullable<
  S,
  S extends { readonly type: 'array'; readonly items: infer I }
    ? readonly ExampleOf<I>[]
    : S extends { readonly properties: infer P }
      ? { readonly [K in keyof P]?: ExampleOf<P[K]> }
      : S extends { readonly type: 'string' }
        ? string
        : S extends { readonly type: 'integer' | 'number' }
          ? number
          : S extends { readonly type: 'boolean' }
            ? boolean
            : unknown
>;

/** What a body matcher takes: the optional properties to demand, example values, and array minimums. */
export interface BodyOptions<S = SchemaNode> {
  /** Optional properties the consumer reads (dotted paths). A path under an optional parent includes the parent. */
  readonly include?: readonly OptionalPaths<S>[];
  /** Example values recorded in the pact; naming an optional property includes it. */
  readonly example?: ExampleOf<S>;
  /** The least number of elements of an array (dotted path); default the schema's `minItems`, else 1. */
  readonly min?: { readonly [P in ArrayPaths<S>]?: number };
}

/** {@link BodyOptions} without the spec's types (what the derivation reads). */
export interface RawBodyOptions {
  readonly include?: readonly string[];
  readonly example?: unknown;
  readonly min?: { readonly [path: string]: number | undefined };
}

// ---- Derivation --------------------------------------------------------------------------------------------------

interface Walk {
  readonly what: string;
  readonly include: ReadonlySet<string>;
  readonly min: Readonly<Record<string, number>>;
}

const join = (path: string, name: string) => (path === '' ? name : `${path}.${name}`);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The matcher tree of `schema`. `example` is the caller's values, `documented` the spec's documented example of
 * the same place (an operation's response example), used before each property's own `example`.
 */
export function schemaBodyMatcher(
  what: string,
  schema: SchemaNode,
  options: RawBodyOptions = {},
  documented?: unknown,
): unknown {
  const include = new Set(options.include ?? []);
  for (const path of include) assertOptionalPath(what, schema, path);
  const min: Record<string, number> = {};
  for (const [path, value] of Object.entries(options.min ?? {})) if (value !== undefined) min[path] = value;
  return derive({ what, include, min }, schema, '', options.example, documented);
}

function derive(walk: Walk, schema: SchemaNode, path: string, example: unknown, documented: unknown): unknown {
  const where = path === '' ? walk.what : `${walk.what}: ${path}`;
  if (example === null) {
    if (schema.nullable === true) return null;
    throw new TypeError(`${where}: the example is null, which the spec's schema does not allow`);
  }
  if (documented === null) return derive(walk, schema, path, example, undefined);
  if (schema.type === 'array' && schema.items !== undefined) {
    if (Array.isArray(example) && example.length === 0) return [];
    const item = derive(walk, schema.items, path, firstOf(example), firstOf(documented));
    return MatchersV3.eachLike(item, walk.min[path] ?? schema.minItems ?? 1);
  }
  if (schema.properties !== undefined) {
    if (example !== undefined && !isRecord(example)) throw new TypeError(`${where}: the example is not an object`);
    const properties = schema.properties;
    for (const name of Object.keys(example ?? {})) {
      if (properties[name] === undefined) throw new TypeError(`${where}: the spec's schema has no property ${name}`);
    }
    const required = schema.required ?? [];
    const matchers: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(properties)) {
      const child = join(path, name);
      const given = example?.[name];
      const wanted =
        required.includes(name) ||
        given !== undefined ||
        walk.include.has(child) ||
        [...walk.include].some((included) => included.startsWith(`${child}.`));
      if (!wanted) continue;
      matchers[name] = derive(walk, property, child, given, isRecord(documented) ? documented[name] : undefined);
    }
    return matchers;
  }
  const value = example !== undefined ? example : documented !== undefined ? documented : schema.example;
  if (value === undefined) {
    throw new TypeError(`${where}: the spec gives this field no example; pass one`);
  }
  return leafMatcher(where, schema, value);
}

const firstOf = (value: unknown): unknown => (Array.isArray(value) ? value[0] : undefined);

/** A matcher for one value, chosen from its schema: enum, date-time, pattern, or JSON type. */
export function leafMatcher(what: string, schema: SchemaNode, value: unknown): unknown {
  if (value === null && schema.nullable === true) return null;
  const wrongType = () => new TypeError(`${what}: example ${JSON.stringify(value)} is not of type ${schema.type}`);
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') throw wrongType();
      if (schema.enum !== undefined) return stringMatching(what, enumPattern(schema.enum), value);
      if (schema.format === 'date-time') {
        return MatchersV3.regex(DATE_TIME_PATTERN, checkedExample(what, DATE_TIME_PATTERN, value));
      }
      if (schema.pattern !== undefined) return stringMatching(what, schema.pattern, value);
      return MatchersV3.string(value);
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType();
      return MatchersV3.integer(value);
    case 'number':
      if (typeof value !== 'number') throw wrongType();
      return MatchersV3.number(value);
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongType();
      return MatchersV3.boolean(value);
    default:
      return MatchersV3.like(value);
  }
}

/** Throws a `TypeError` unless `path` names an optional property of `schema` (or of an optional parent's). */
function assertOptionalPath(what: string, schema: SchemaNode, path: string): void {
  let node: SchemaNode | undefined = schema;
  let optional = false;
  for (const name of path.split('.')) {
    while (node?.type === 'array' && node.items !== undefined) node = node.items;
    const next: SchemaNode | undefined = node?.properties?.[name];
    if (next === undefined)
      throw new TypeError(`${what}: include names ${path}, which the spec's schema does not have`);
    optional = !(node?.required ?? []).includes(name);
    node = next;
  }
  if (!optional) throw new TypeError(`${what}: include names ${path}, which is required (always matched)`);
}
