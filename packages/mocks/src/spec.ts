import type { RequestValidators } from '@koodrive-device/client/request-validators';
import { requestValidators } from '@koodrive-device/client/request-validators';
import { operationsSpec } from '@koodrive-device/client/schemas';

/** One parameter of an operation, as the generated `operationsSpec` has it (references resolved). */
export interface ParameterSpec {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly schema: unknown;
  readonly style?: string;
  readonly explode?: boolean;
}

/** One documented response of an operation: its JSON schema's name, its documented example, its headers. */
export interface ResponseSpec {
  readonly contentType?: string;
  readonly schemaName?: string;
  readonly example?: unknown;
  readonly headers?: unknown;
}

/** One operation of the spec, as the generated `operationsSpec` has it. */
export interface OperationSpec {
  readonly method: string;
  /** The path template, `{name}` for a path parameter: `/koodrive/ose/v1/backup/device/{deviceId}`. */
  readonly path: string;
  readonly parameters: readonly ParameterSpec[];
  readonly requestBody?: { readonly required: boolean; readonly contentType: string; readonly schemaName?: string };
  readonly responses: { readonly [status: string]: ResponseSpec };
}

/** Every operation of a spec by operationId. */
export type OperationTable = { readonly [operationId: string]: OperationSpec };

export type {
  RequestSchemaError,
  RequestValidator,
  RequestValidators,
} from '@koodrive-device/client/request-validators';

/**
 * What the mocks serve: the spec's operations as data (`operationsSpec` of a generated `schemas.ts`) and their
 * request validators (`requestValidators` of the generated `request-validators.ts`). The default is the package's
 * own spec; a test can pass a spec generated from another one (a regeneration variant) to serve that instead.
 */
export interface MockSpec<Ops extends OperationTable = OperationTable> {
  readonly operations: Ops;
  readonly validators: { readonly [Id in keyof Ops]: RequestValidators };
}

/** The operations of the package's own spec (openapi/koodrive-device.yaml), as generated. */
export type KooDriveOperations = typeof operationsSpec;

/** The package's own spec: every operation of openapi/koodrive-device.yaml and its request validators. */
export const kooDriveSpec: MockSpec<KooDriveOperations> = {
  operations: operationsSpec,
  validators: requestValidators,
};

/** One operation of a compiled spec. */
export interface CompiledOperation {
  readonly operationId: string;
  readonly spec: OperationSpec;
  readonly validators: RequestValidators;
}

/** One path template of the spec, with every operation it has by method. */
export interface PathRoute {
  readonly template: string;
  /** `Allow`: the path's methods in the spec's order, `HEAD` after `GET` (a GET implies HEAD). */
  readonly allow: string;
  /** The headers a browser may send (CORS preflight): Authorization, the header parameters, Content-Type if a body. */
  readonly requestHeaders: string;
  readonly byMethod: ReadonlyMap<string, CompiledOperation>;
  /** Matches a whole pathname (after any prefix); groups: the prefix, then each path parameter, raw. */
  readonly pattern: RegExp;
  readonly parameterNames: readonly string[];
}

/** A route matched by a pathname, with its path parameters as sent (still percent-encoded). */
export interface RouteMatch {
  readonly route: PathRoute;
  readonly rawParameters: readonly string[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A template's regular expression body: literal parts escaped, each `{name}` one non-empty segment. */
function templateSource(template: string): { source: string; names: string[] } {
  const names: string[] = [];
  let source = '';
  let at = 0;
  for (const match of template.matchAll(/\{([^}]+)\}/g)) {
    source += escapeRegExp(template.slice(at, match.index));
    source += '([^/]+)';
    names.push(match[1] as string);
    at = match.index + match[0].length;
  }
  return { source: source + escapeRegExp(template.slice(at)), names };
}

/** The spec's paths, each with its operations, ready to route a request by pathname and method. */
export interface CompiledSpec {
  readonly routes: readonly PathRoute[];
  readonly operations: ReadonlyMap<string, CompiledOperation>;
  /** The route a pathname is (after any prefix, letter case and trailing slash exact), or undefined. */
  match(pathname: string): RouteMatch | undefined;
  /** One RegExp for msw: any origin, any path prefix, then one of the spec's path templates. */
  readonly urlPattern: RegExp;
}

/** Compiles a spec's operation table: its paths, their methods, `Allow`, and matchers. */
export function compileSpec(spec: MockSpec): CompiledSpec {
  const byTemplate = new Map<string, CompiledOperation[]>();
  const operations = new Map<string, CompiledOperation>();
  for (const [operationId, operation] of Object.entries(spec.operations)) {
    const validators = spec.validators[operationId];
    if (validators === undefined) throw new TypeError(`The spec has no request validators for ${operationId}`);
    const compiled = { operationId, spec: operation, validators };
    operations.set(operationId, compiled);
    const list = byTemplate.get(operation.path) ?? [];
    list.push(compiled);
    byTemplate.set(operation.path, list);
  }
  const routes: PathRoute[] = [...byTemplate].map(([template, list]) => {
    const byMethod = new Map<string, CompiledOperation>();
    for (const operation of list) byMethod.set(operation.spec.method.toUpperCase(), operation);
    const methods: string[] = [];
    for (const method of byMethod.keys()) {
      methods.push(method);
      if (method === 'GET' && !byMethod.has('HEAD')) methods.push('HEAD');
    }
    const headers = new Set(['Authorization']);
    let body = false;
    for (const operation of list) {
      for (const parameter of operation.spec.parameters) if (parameter.in === 'header') headers.add(parameter.name);
      if (operation.spec.requestBody !== undefined) body = true;
    }
    if (body) headers.add('Content-Type');
    const { source, names } = templateSource(template);
    return {
      template,
      allow: methods.join(', '),
      requestHeaders: [...headers].join(', '),
      byMethod,
      pattern: new RegExp(`^(/.*)?${source}$`),
      parameterNames: names,
    };
  });
  const urlPattern = new RegExp(
    `^[a-z][a-z0-9+.-]*://[^/]+(?:/[^?#]*)?(?:${routes.map((route) => templateSource(route.template).source).join('|')})$`,
  );
  return {
    routes,
    operations,
    urlPattern,
    match(pathname) {
      if (!pathname.startsWith('/')) return undefined;
      let best: RouteMatch | undefined;
      let bestPrefix = Number.POSITIVE_INFINITY;
      for (const route of routes) {
        const found = route.pattern.exec(pathname);
        if (found === null) continue;
        // The longest template match wins (the shortest prefix); on a tie, the one with fewer parameters.
        const prefix = found[1]?.length ?? 0;
        if (
          prefix < bestPrefix ||
          (prefix === bestPrefix &&
            best !== undefined &&
            route.parameterNames.length < best.route.parameterNames.length)
        ) {
          best = { route, rawParameters: found.slice(2) as string[] };
          bestPrefix = prefix;
        }
      }
      return best;
    },
  };
}
