// The spec as data, as the generator writes it (`@koodrive-device/client/schemas`: `operationsSpec` and `schemas`),
// typed: what an operation, its parameters and responses look like, and the types derived from them (operationIds,
// statuses, parameter and header names, the schema of a body or an answer) that the matchers are typed by.
import type { SchemaNode } from './schema-matchers.js';

/** One parameter of an operation, as `operationsSpec` gives it (references resolved). */
export interface ParameterSpec {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly schema?: SchemaNode;
  readonly example?: unknown;
}

/** One documented response of an operation, as `operationsSpec` gives it. */
export interface ResponseSpec {
  readonly contentType?: string;
  readonly schemaName?: string;
  readonly example?: unknown;
  readonly headers?: {
    readonly [name: string]: { readonly schema?: SchemaNode; readonly example?: unknown; readonly required?: boolean };
  };
}

/** One operation, as `operationsSpec` gives it. */
export interface OperationSpec {
  readonly method: string;
  readonly path: string;
  readonly parameters?: readonly ParameterSpec[];
  readonly requestBody?: { readonly required?: boolean; readonly contentType?: string; readonly schemaName: string };
  readonly responses: { readonly [status: string]: ResponseSpec };
}

/** The spec as data: what `@koodrive-device/client/schemas` exports (or a variant's generated `schemas.ts`). */
export interface SpecData {
  readonly operationsSpec: { readonly [operationId: string]: OperationSpec };
  readonly schemas: { readonly [name: string]: SchemaNode };
}

// ---- Types derived from the spec's `as const` data ----------------------------------------------------------------

type Operations<D extends SpecData> = D['operationsSpec'];
/** The operationIds of a spec. */
export type OperationIdOf<D extends SpecData> = keyof Operations<D> & string;
type StatusKeyOf<D extends SpecData, Op extends OperationIdOf<D>> = keyof Operations<D>[Op]['responses'] & string;
type NumericOf<K> = string extends K ? number : K extends `${infer N extends number}` ? N : never;
/** The documented statuses of an operation, as numbers or as the spec's strings. */
export type StatusOf<D extends SpecData, Op extends OperationIdOf<D>> =
  | StatusKeyOf<D, Op>
  | NumericOf<StatusKeyOf<D, Op>>;
type SchemaByName<D extends SpecData, N> = N extends keyof D['schemas'] ? D['schemas'][N] : SchemaNode;
/** The body schema of one documented response. */
export type ResponseSchemaOf<D extends SpecData, Op extends OperationIdOf<D>, St> = SchemaByName<
  D,
  Operations<D>[Op]['responses'][`${St & (string | number)}` & keyof Operations<D>[Op]['responses']] extends {
    readonly schemaName: infer N;
  }
    ? N
    : never
>;
/** The request body schema of an operation. */
export type RequestBodySchemaOf<D extends SpecData, Op extends OperationIdOf<D>> = SchemaByName<
  D,
  Operations<D>[Op] extends { readonly requestBody: { readonly schemaName: infer N } } ? N : never
>;
type ParametersOf<D extends SpecData, Op extends OperationIdOf<D>> = Operations<D>[Op] extends {
  readonly parameters: readonly (infer P)[];
}
  ? P
  : never;
export type ParameterNames<D extends SpecData, Op extends OperationIdOf<D>, In extends string> = Extract<
  ParametersOf<D, Op>,
  { readonly in: In }
> extends { readonly name: infer N extends string }
  ? N
  : never;
export type ResponseHeaderNames<
  D extends SpecData,
  Op extends OperationIdOf<D>,
  St,
> = Operations<D>[Op]['responses'][`${St & (string | number)}` & keyof Operations<D>[Op]['responses']] extends {
  readonly headers: infer H;
}
  ? keyof H & string
  : never;

/** Values by name; no name at all when there is none (an empty mapped type would accept any key). */
export type ByName<N extends string, V> = [N] extends [never]
  ? { readonly [name: string]: never }
  : { readonly [K in N]?: V };
