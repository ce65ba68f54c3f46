import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import {
  findOperation,
  loadSpecDocument,
  type OpenApiDocument,
  type ParameterObject,
  type ResponseObject,
  resolveRef,
} from './spec-document.js';

// ajv-formats is CommonJS; under Node's ESM loader its default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule;

export type ValidationResult = { valid: true } | { valid: false; errors: string[] };

export type RequestHeaders = Record<string, string | undefined> | Headers;

export interface SpecValidator {
  /** Checks a response's status and JSON body against the operation's documented responses. */
  validateResponse(status: number, body: unknown): ValidationResult;
  /** Checks a request's headers against the operation's header parameters and its bearer security scheme. */
  validateRequestHeaders(headers: RequestHeaders): ValidationResult;
  /** The statuses the operation documents, as strings (`'200'`, `'401'`, ...). */
  readonly documentedStatuses: readonly string[];
  /** A compiled validator for a component schema (`BoundDeviceEntity`, `ErrorEnvelope`, ...). */
  schemaValidator(name: string): (value: unknown) => ValidationResult;
}

const SPEC_ID = 'koodrive-device.yaml';

/**
 * `Bearer <token>`: the scheme in any case, one or more spaces (RFC 6750: `"Bearer" 1*SP b64token`), a token
 * without whitespace (defect 3 of the page).
 */
const BEARER_CREDENTIALS = /^bearer +\S+$/i;

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}`);
}

function result(validate: ValidateFunction, value: unknown): ValidationResult {
  return validate(value) ? { valid: true } : { valid: false, errors: describe(validate.errors) };
}

/**
 * Compiles ajv validators straight from the spec's schemas (nothing restated), for the operation
 * `listBoundDevices` unless told otherwise.
 */
export function createSpecValidator(options: { document?: OpenApiDocument; operationId?: string } = {}): SpecValidator {
  const document = options.document ?? loadSpecDocument();
  const { operation } = findOperation(document, options.operationId ?? 'listBoundDevices');
  // OpenAPI 3.0 schemas carry `example` and `x-*` keywords that JSON Schema does not know: not strict.
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(document, SPEC_ID);

  const pointer = (path: string) => `${SPEC_ID}#${path}`;
  const bodyValidators = new Map<string, ValidateFunction>();
  for (const [status, responseOrRef] of Object.entries(operation.responses)) {
    const response = resolveRef<ResponseObject>(document, responseOrRef);
    const media = response.content?.['application/json'];
    if (media === undefined) continue;
    const schema = media.schema;
    const ref = typeof schema.$ref === 'string' ? schema.$ref : undefined;
    bodyValidators.set(status, ref === undefined ? ajv.compile(schema) : ajv.compile({ $ref: pointer(ref.slice(1)) }));
  }

  const headerParameters = (operation.parameters ?? [])
    .map((parameter) => resolveRef<ParameterObject>(document, parameter))
    .filter((parameter) => parameter.in === 'header')
    .map((parameter) => ({ parameter, validate: ajv.compile(parameter.schema) }));

  const security = operation.security ?? (document as { security?: Record<string, string[]>[] }).security ?? [];
  const bearerRequired = security.some((requirement) =>
    Object.keys(requirement).some((name) => document.components.securitySchemes[name]?.scheme === 'bearer'),
  );

  return {
    documentedStatuses: Object.keys(operation.responses),
    validateResponse(status, body) {
      const validate = bodyValidators.get(String(status)) ?? bodyValidators.get('default');
      if (validate === undefined) {
        return { valid: false, errors: [`status ${status} is not documented for ${operation.operationId}`] };
      }
      return result(validate, body);
    },
    validateRequestHeaders(headers) {
      const get = (name: string): string | undefined => {
        if (headers instanceof Headers) return headers.get(name) ?? undefined;
        const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
        return key === undefined ? undefined : headers[key];
      };
      const errors: string[] = [];
      for (const { parameter, validate } of headerParameters) {
        const value = get(parameter.name);
        if (value === undefined) {
          if (parameter.required) errors.push(`header ${parameter.name} is required`);
          continue;
        }
        if (!validate(value)) errors.push(...describe(validate.errors).map((e) => `header ${parameter.name}${e}`));
      }
      // The scheme name is case-insensitive (RFC 7235 section 2.1, RFC 6750 section 2.1): `bearer x` is `Bearer x`.
      if (bearerRequired && !BEARER_CREDENTIALS.test(get('Authorization') ?? '')) {
        errors.push('header Authorization must be "Bearer <access token>"');
      }
      return errors.length === 0 ? { valid: true } : { valid: false, errors };
    },
    schemaValidator(name) {
      if (!(name in document.components.schemas)) throw new Error(`No schema ${name} in the OpenAPI document`);
      const validate = ajv.compile({ $ref: pointer(`/components/schemas/${name}`) });
      return (value) => result(validate, value);
    },
  };
}
