import { operationsSpec, schemas } from '@koodrive-device/client/schemas';
import { MatchersV3, type PactV4 } from '@pact-foundation/pact';
import { bearerAuthorization, checkedExample, xDate, xUserId } from './request-matchers.js';
import {
  type BodyOptions,
  enumPattern,
  type RawBodyOptions,
  type SchemaNode,
  schemaBodyMatcher,
} from './schema-matchers.js';
import type {
  ByName,
  OperationIdOf,
  OperationSpec,
  ParameterNames,
  ParameterSpec,
  RequestBodySchemaOf,
  ResponseHeaderNames,
  ResponseSchemaOf,
  ResponseSpec,
  SpecData,
  StatusOf,
} from './spec-data.js';
import type { ProviderStateName } from './states.js';

/**
 * Pact matchers for every operation of a spec, derived from the spec as data that the generator writes
 * (`@koodrive-device/client/schemas`: `operationsSpec` and `schemas`). `createSpecMatchers(spec)` gives the helpers
 * for any such data (e.g. a spec that has grown an operation); the package's own helpers (`responseBodyMatcher`,
 * `requestMatchers`, `operationInteraction`, ...) are those of the spec this package was built from.
 */

/** The signed headers every operation carries: filled by the client, matched by pattern, never by value. */
const SIGNED_HEADERS: ReadonlySet<string> = new Set(['authorization', 'x-user-id', 'x-date']);

/** What `requestMatchers` takes: example values of the caller-set parameters and the JSON body. */
export interface RequestOptions<D extends SpecData, Op extends OperationIdOf<D>> {
  /** Path parameter values recorded in the pact (default: the parameter's example); matched by their schema. */
  readonly path?: ByName<ParameterNames<D, Op, 'path'>, string | number>;
  /** Query parameters: the required ones always, an optional one when given here. */
  readonly query?: ByName<ParameterNames<D, Op, 'query'>, string | number | boolean>;
  /** Header parameters other than the signed three: the required ones always, an optional one when given here. */
  readonly headers?: ByName<Exclude<ParameterNames<D, Op, 'header'>, 'X-User-Id' | 'X-Date'>, string>;
  /** The `X-User-Id` recorded (matched as any non-empty value). */
  readonly userId?: string;
  /** The JSON body: its required properties always, optional ones when included or given an example. */
  readonly body?: BodyOptions<RequestBodySchemaOf<D, Op>>;
}

/** What `requestMatchers` gives: pass each to Pact's request builder. */
export interface RequestMatchers {
  method: string;
  /** The path: a plain string without path parameters, else a regex from the parameters' schemas. */
  path: string | MatchersV3.V3RegexMatcher;
  query?: Record<string, string | MatchersV3.Matcher<string>>;
  headers: Record<string, string | MatchersV3.Matcher<string>>;
  /** The JSON body matchers (only when the operation takes one); Pact's `jsonBody` sets its content type. */
  body?: unknown;
}

/** What `responseMatchers` takes: the body's options and the documented response headers to demand. */
export type ResponseOptions<D extends SpecData, Op extends OperationIdOf<D>, St> = BodyOptions<
  ResponseSchemaOf<D, Op, St>
> & {
  /** Documented response headers the consumer reads, with example values (default: the header's example). */
  readonly headers?: ByName<ResponseHeaderNames<D, Op, St>, string | true>;
};

/** What `responseMatchers` gives. */
export interface ResponseMatchers {
  status: number;
  headers: Record<string, MatchersV3.Matcher<string>>;
  body?: unknown;
}

/** A JSON content type, with or without parameters (`application/json; charset=utf-8`). */
export const JSON_CONTENT_TYPE_PATTERN = '^application/json(;.*)?$';

/** The part of a Pact V4 consumer pact the interaction builder needs (`PactV4` satisfies it). */
export type KooDriveConsumerPact = Pick<PactV4, 'addInteraction'>;
type UnconfiguredInteraction = ReturnType<PactV4['addInteraction']>;
type InteractionWithRequest = ReturnType<UnconfiguredInteraction['withRequest']>;
/** An interaction ready to run: call `executeTest` on it. */
export type KooDriveInteraction = ReturnType<InteractionWithRequest['willRespondWith']>;

/** What `operationInteraction` takes. */
export interface OperationInteractionOptions<
  D extends SpecData,
  Op extends OperationIdOf<D>,
  St extends StatusOf<D, Op>,
> {
  readonly operationId: Op;
  readonly state: ProviderStateName;
  readonly uponReceiving: string;
  readonly status: St;
  readonly request?: RequestOptions<D, Op>;
  readonly response?: ResponseOptions<D, Op, St>;
}

/** The helpers for one spec (see the module comment). */
export function createSpecMatchers<const D extends SpecData>(spec: D) {
  const operation = (operationId: string): OperationSpec => {
    const found = Object.hasOwn(spec.operationsSpec, operationId) ? spec.operationsSpec[operationId] : undefined;
    if (found === undefined) throw new TypeError(`The spec has no operation ${operationId}`);
    return found;
  };
  const schemaNamed = (name: string): SchemaNode => {
    const found = Object.hasOwn(spec.schemas, name) ? spec.schemas[name] : undefined;
    if (found === undefined) throw new TypeError(`The spec has no schema ${name}`);
    return found;
  };
  const response = (operationId: string, status: string | number): ResponseSpec => {
    const { responses } = operation(operationId);
    const found = Object.hasOwn(responses, String(status)) ? responses[String(status)] : undefined;
    if (found === undefined) throw new TypeError(`${operationId} documents no ${status} response`);
    return found;
  };

  /** Matchers for a body of schema `name`: required properties always, optional ones when asked for. */
  function schemaMatcher<N extends keyof D['schemas'] & string>(name: N, options?: BodyOptions<D['schemas'][N]>) {
    return schemaBodyMatcher(name, schemaNamed(name), options as RawBodyOptions | undefined);
  }

  /**
   * Matchers for the body of one documented response: its schema's required properties always, optional ones when
   * included or given an example; values from `example`, else the response's documented example, else each
   * property's own example.
   */
  function responseBodyMatcher<Op extends OperationIdOf<D>, St extends StatusOf<D, Op>>(
    operationId: Op,
    status: St,
    options?: BodyOptions<ResponseSchemaOf<D, Op, St>>,
  ): unknown {
    const documented = response(operationId, status);
    if (documented.schemaName === undefined) {
      throw new TypeError(`${operationId} ${status} documents no JSON body`);
    }
    return schemaBodyMatcher(
      `${operationId} ${status}`,
      schemaNamed(documented.schemaName),
      options as RawBodyOptions | undefined,
      documented.example,
    );
  }

  /** Status, `Content-Type` and body matchers (and any documented headers asked for) of one documented response. */
  function responseMatchers<Op extends OperationIdOf<D>, St extends StatusOf<D, Op>>(
    operationId: Op,
    status: St,
    options: ResponseOptions<D, Op, St> = {},
  ): ResponseMatchers {
    const documented = response(operationId, status);
    const headers: Record<string, MatchersV3.Matcher<string>> = {};
    if (documented.contentType === 'application/json') {
      headers['Content-Type'] = MatchersV3.regex(JSON_CONTENT_TYPE_PATTERN, 'application/json');
    }
    for (const [name, given] of Object.entries(options.headers ?? {}) as [string, string | true | undefined][]) {
      if (given === undefined) continue;
      const header = documented.headers?.[name];
      if (header === undefined) throw new TypeError(`${operationId} ${status} documents no header ${name}`);
      const value = given === true ? header.example : given;
      if (typeof value !== 'string') throw new TypeError(`${operationId} ${status}: header ${name} has no example`);
      headers[name] = stringParameterMatcher(`${operationId} ${status} header ${name}`, header.schema ?? {}, value);
    }
    const { headers: _headers, ...body } = options;
    return {
      status: Number(status),
      headers,
      ...(documented.schemaName === undefined
        ? {}
        : { body: responseBodyMatcher(operationId, status, body as BodyOptions<ResponseSchemaOf<D, Op, St>>) }),
    };
  }

  /**
   * The request of an operation as matchers: its method, its path (path parameters as a regex from their schemas),
   * its required query parameters and those given, the three signed headers (`Authorization` as the placeholder,
   * `X-User-Id`, `X-Date`) and other required headers, and its JSON body.
   */
  function requestMatchers<Op extends OperationIdOf<D>>(
    operationId: Op,
    options: RequestOptions<D, Op> = {},
  ): RequestMatchers {
    const op = operation(operationId);
    const parameters = op.parameters ?? [];
    const given = (from: object | undefined, name: string): unknown =>
      (from as Record<string, unknown> | undefined)?.[name];
    const what = (parameter: ParameterSpec) => `${operationId} ${parameter.in} parameter ${parameter.name}`;
    const parameterValue = (parameter: ParameterSpec, value: unknown): string | undefined => {
      const chosen = value ?? parameter.example ?? parameter.schema?.example;
      return chosen === undefined ? undefined : String(chosen);
    };

    let path: string | MatchersV3.V3RegexMatcher = op.path;
    const pathParameters = parameters.filter((parameter) => parameter.in === 'path');
    if (pathParameters.length > 0) {
      let regex = '';
      let example = '';
      for (const [index, piece] of op.path.split(/\{([^}]+)\}/).entries()) {
        if (index % 2 === 0) {
          regex += piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          example += piece;
          continue;
        }
        const parameter = pathParameters.find((candidate) => candidate.name === piece);
        const value = parameter && parameterValue(parameter, given(options.path, piece));
        if (parameter === undefined || value === undefined) {
          throw new TypeError(`${operationId}: the path parameter ${piece} has no example; pass options.path.${piece}`);
        }
        const pattern = parameterPattern(parameter.schema ?? {});
        checkedExample(what(parameter), `^${pattern}$`, value);
        regex += `(${pattern})`;
        example += encodeURIComponent(value);
      }
      path = MatchersV3.regex(`^${regex}$`, example);
    }

    const headers: Record<string, string | MatchersV3.Matcher<string>> = {
      Authorization: bearerAuthorization(),
      'X-User-Id': xUserId(options.userId),
      'X-Date': xDate(),
    };
    let query: Record<string, string | MatchersV3.Matcher<string>> | undefined;
    for (const parameter of parameters) {
      if (parameter.in !== 'query' && parameter.in !== 'header') continue;
      if (parameter.in === 'header' && SIGNED_HEADERS.has(parameter.name.toLowerCase())) continue;
      const asked = given(parameter.in === 'query' ? options.query : options.headers, parameter.name);
      if (asked === undefined && parameter.required !== true) continue;
      const value = parameterValue(parameter, asked);
      if (value === undefined) {
        throw new TypeError(`${what(parameter)} is required and has no example; pass one`);
      }
      const matcher = stringParameterMatcher(what(parameter), parameter.schema ?? {}, value);
      if (parameter.in === 'header') headers[parameter.name] = matcher;
      else query = { ...query, [parameter.name]: matcher };
    }

    const requestBody = op.requestBody;
    let body: unknown;
    if (requestBody !== undefined && (requestBody.required === true || options.body !== undefined)) {
      if (requestBody.contentType !== undefined && requestBody.contentType !== 'application/json') {
        throw new TypeError(`${operationId}: only JSON request bodies are supported, not ${requestBody.contentType}`);
      }
      body = schemaBodyMatcher(
        `${operationId} request body`,
        schemaNamed(requestBody.schemaName),
        (options.body ?? {}) as RawBodyOptions,
      );
    }
    return {
      method: op.method,
      path,
      ...(query === undefined ? {} : { query }),
      headers,
      ...(body === undefined ? {} : { body }),
    };
  }

  /**
   * Adds an interaction for one operation and one documented response, every part from the spec: call
   * `.executeTest(async (mockServer) => …)` on the result and drive your real client against `mockServer.url`.
   */
  function operationInteraction<Op extends OperationIdOf<D>, St extends StatusOf<D, Op>>(
    pact: KooDriveConsumerPact,
    options: OperationInteractionOptions<D, Op, St>,
  ): KooDriveInteraction {
    const request = requestMatchers(options.operationId, options.request);
    const answer = responseMatchers(options.operationId, options.status, options.response);
    return pact
      .addInteraction()
      .given(options.state)
      .uponReceiving(options.uponReceiving)
      .withRequest(request.method, request.path, (builder) => {
        builder.headers(request.headers);
        if (request.query !== undefined) builder.query(request.query);
        if (request.body !== undefined) builder.jsonBody(request.body);
      })
      .willRespondWith(answer.status, (builder) => {
        builder.headers(answer.headers);
        if (answer.body !== undefined) builder.jsonBody(answer.body);
      });
  }

  return { schemaMatcher, responseBodyMatcher, responseMatchers, requestMatchers, operationInteraction };
}

/** The helpers of {@link createSpecMatchers} for one spec. */
export type SpecMatchers<D extends SpecData> = ReturnType<typeof createSpecMatchers<D>>;

/** A parameter's value pattern, unanchored (a path or query parameter is a string on the wire). */
function parameterPattern(schema: SchemaNode): string {
  if (schema.enum !== undefined) return enumPattern(schema.enum).slice(1, -1);
  if (schema.pattern !== undefined) return schema.pattern.replace(/^\^/, '').replace(/\$$/, '');
  if (schema.type === 'integer') return '-?[0-9]+';
  if (schema.type === 'number') return '-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?';
  if (schema.type === 'boolean') return 'true|false';
  return '[^/]+';
}

/** A matcher for a string on the wire (a header or query value): by its schema's pattern, enum or type. */
function stringParameterMatcher(what: string, schema: SchemaNode, value: string): MatchersV3.Matcher<string> {
  let pattern: string | undefined;
  if (schema.pattern !== undefined) pattern = schema.pattern;
  else if (schema.enum !== undefined) pattern = enumPattern(schema.enum);
  else if (schema.type === 'integer' || schema.type === 'number' || schema.type === 'boolean') {
    pattern = `^(${parameterPattern(schema)})$`;
  } else if (schema.minLength !== undefined || schema.maxLength !== undefined) {
    pattern = `^.{${schema.minLength ?? 0},${schema.maxLength ?? ''}}$`;
  }
  if (pattern === undefined) return MatchersV3.string(value);
  return MatchersV3.regex(pattern, checkedExample(what, pattern, value));
}

/** The helpers for the spec this package was built from (`@koodrive-device/client/schemas`). */
export const kooDriveSpecMatchers = createSpecMatchers({ operationsSpec, schemas });

export const { schemaMatcher, responseBodyMatcher, responseMatchers, requestMatchers, operationInteraction } =
  kooDriveSpecMatchers;
