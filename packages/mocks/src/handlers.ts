import { KOODRIVE_DEVICES_PATH, X_DATE_WINDOW_MS as X_DATE_MAX_AGE_MS } from '@koodrive-device/client';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { errorAnswer, jsonAnswer, type MockAnswer, methodNotAllowedAnswer } from './envelope.js';
import type { MockErrorReason } from './errors.js';
import { defaultAccounts, type MockAccount } from './fixtures.js';
import { checkRequest, type HeaderReader, indexAccounts } from './request-checks.js';
import {
  describeBodyError,
  describeParameterError,
  isJsonMediaType,
  type MockRequestBody,
  type OperationParameters,
  parseJsonBody,
  readParameters,
  streamBody,
} from './request-input.js';
import {
  isScenarioController,
  type ResolvedScenario,
  resolveScenario,
  type Scenario,
  type ScenarioController,
} from './scenarios.js';
import {
  type CompiledOperation,
  type CompiledSpec,
  compileSpec,
  type KooDriveOperations,
  kooDriveSpec,
  type MockSpec,
  type OperationSpec,
  type OperationTable,
  type RouteMatch,
} from './spec.js';

/**
 * The operation's path (`listBoundDevices`), the client's. The handlers match it exactly (letter case, no trailing
 * slash), as a strict gateway does, under any origin and after any path prefix (`/gateway/koodrive/ose/v1/...`).
 * How far back an `X-Date` may lie: the client's `X_DATE_WINDOW_MS`, 15 minutes, as the reference says.
 */
export { KOODRIVE_DEVICES_PATH, X_DATE_MAX_AGE_MS };
export type { MockAnswer } from './envelope.js';
export { type MockErrorReason, mockErrors } from './errors.js';
export { checkRequest, type HeaderReader, type RequestCheck } from './request-checks.js';
export type { MockRequestBody, OperationParameters } from './request-input.js';

/** The methods the devices path answers (its `Allow`, from the spec); every other one gets 405 with this as `Allow`. */
export const ALLOWED_METHODS = 'GET, HEAD';

/**
 * Whether a URL path (without its query) is the endpoint's: exactly `KOODRIVE_DEVICES_PATH`, or it after a path
 * prefix (`/gateway/koodrive/...`). Case-sensitive; a trailing slash or an encoded letter is another path.
 */
export function isDevicesPath(pathname: string): boolean {
  return pathname.endsWith(KOODRIVE_DEVICES_PATH) && pathname.startsWith('/');
}

/** The default bound of a request body: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface KooDriveHandlersOptions<Ops extends OperationTable = KooDriveOperations> {
  /** The accounts the mock knows (default `defaultAccounts`). Read once, when the handlers are created. */
  accounts?: readonly MockAccount[];
  /** The mock server's clock (default `() => new Date()`). A fixed clock makes tests deterministic. */
  now?: () => Date;
  /** A fixed scenario, or a controller to switch scenarios at run time (default `'normal'`). */
  scenario?: Scenario | ScenarioController;
  /**
   * The spec to serve: its operations as data and their request validators (default `kooDriveSpec`, the package's
   * own). Pass another generated one (`{ operations: operationsSpec, validators: requestValidators }`) to serve it.
   */
  spec?: MockSpec<Ops>;
  /**
   * Hand-written behaviour by operationId, for what the spec cannot say (accounts, state). Called after every
   * check passed (token, `X-User-Id`, `X-Date`, parameters, body). An operation without one answers its
   * documented 2xx example; `listBoundDevices` has the package's own (the account's devices, the scenarios).
   */
  operations?: OperationBehaviours<NoInfer<Ops>>;
  /** The largest request body read, in bytes (default 1 MiB); a longer one is answered 413. */
  maxBodyBytes?: number;
}

/** The success body, serialised like the reference's example (`data`, `code`, `msg`). */
export function successBody(account: Pick<MockAccount, 'devices'>): string {
  return JSON.stringify({ data: account.devices, code: 0, msg: 'success' });
}

/** The `malformed` scenario's body: the first half of a valid body, never valid JSON itself. */
export function truncateBody(body: string): string {
  return body.slice(0, Math.max(1, Math.floor(body.length / 2)));
}

const EMPTY_BODY = successBody({ devices: [] });

/** One request, as the responder reads it: method, URL path without the query, headers, query and body. */
export interface MockRequest {
  readonly method: string;
  readonly pathname: string;
  readonly headers: HeaderReader;
  /** The query string (`?deviceOS=android`, with or without the `?`); default none. */
  readonly search?: string;
  /** The body, read only when the operation takes one and every other check passed; default none. */
  readonly body?: MockRequestBody;
}

/**
 * Answers a request (`undefined`: not a path of the spec). Synchronous except in the `slow` scenario, for an
 * operation that takes a body (read as a stream) and for a behaviour that answers with a promise.
 */
export type KooDriveResponder = (request: MockRequest) => MockAnswer | Promise<MockAnswer> | undefined;

/** What a behaviour knows of a request that passed every check, and the answers it can build. */
export interface OperationContext<Id extends string = string> {
  readonly operationId: Id;
  readonly operation: OperationSpec;
  /** The account whose token signed the request. */
  readonly account: MockAccount;
  /** The parameters the spec declares, validated and coerced per schema type (`'2'` → 2). */
  readonly parameters: OperationParameters;
  /** The JSON body, parsed and validated; `undefined` when the operation takes none or none was sent. */
  readonly body: unknown;
  readonly scenario: ResolvedScenario;
  /** The mock clock's time of the request (ms) and the `Date` header every answer carries. */
  readonly nowMs: number;
  readonly date: string;
  /** The operation's documented example for a status (default: its first 2xx), with `Date`. */
  example(status?: number | string): MockAnswer;
  /** A JSON answer with `Date`. */
  json(status: number, value: unknown, headers?: Record<string, string>): MockAnswer;
  /** An error of the mock's table (`mockErrors`), with its envelope. */
  error(reason: MockErrorReason, options?: { detail?: string; headers?: Record<string, string> }): MockAnswer;
}

/** An operation's hand-written behaviour: the answer to a request that passed every check. */
export type OperationBehaviour<Id extends string = string> = (
  request: MockRequest,
  context: OperationContext<Id>,
) => MockAnswer | Promise<MockAnswer>;

/** Hand-written behaviours by operationId (each optional: the default is the documented example). */
export type OperationBehaviours<Ops extends OperationTable = KooDriveOperations> = {
  readonly [Id in keyof Ops & string]?: OperationBehaviour<Id>;
};

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A documented example, serialised once. */
interface ExampleAnswer {
  readonly status: number;
  readonly body: string | undefined;
}

function documentedExamples(operation: OperationSpec): Map<string, ExampleAnswer> {
  const examples = new Map<string, ExampleAnswer>();
  for (const [status, response] of Object.entries(operation.responses)) {
    if (!/^\d{3}$/.test(status)) continue;
    const body =
      response.example !== undefined
        ? JSON.stringify(response.example)
        : response.contentType === undefined
          ? ''
          : undefined;
    examples.set(status, { status: Number(status), body });
  }
  return examples;
}

class Context implements OperationContext {
  constructor(
    readonly operationId: string,
    readonly operation: OperationSpec,
    readonly account: MockAccount,
    readonly parameters: OperationParameters,
    readonly body: unknown,
    readonly scenario: ResolvedScenario,
    readonly nowMs: number,
    readonly date: string,
    private readonly examples: ReadonlyMap<string, ExampleAnswer>,
  ) {}

  example(status?: number | string): MockAnswer {
    const found =
      status === undefined
        ? [...this.examples.values()].find((example) => example.status >= 200 && example.status < 300)
        : this.examples.get(String(status));
    if (found?.body === undefined) return errorAnswer('noExample', this.date, { detail: this.operationId });
    if (found.body === '') return { status: found.status, headers: { Date: this.date }, body: '' };
    return jsonAnswer(found.status, found.body, this.date);
  }

  json(status: number, value: unknown, headers?: Record<string, string>): MockAnswer {
    return jsonAnswer(status, JSON.stringify(value), this.date, headers);
  }

  error(reason: MockErrorReason, options?: { detail?: string; headers?: Record<string, string> }): MockAnswer {
    return errorAnswer(reason, this.date, options);
  }
}

/**
 * The default behaviour of every operation without a hand-written one: its documented 2xx example. The
 * `envelope-error` scenario answers 200 with a non-zero `code`, `malformed` the example cut in half.
 */
export const exampleBehaviour: OperationBehaviour = (_request, context) => {
  if (context.scenario.name === 'envelope-error') return context.error('operationFailed');
  const answer = context.example();
  if (context.scenario.name === 'malformed' && answer.status < 300 && answer.body !== '') {
    return { ...answer, body: truncateBody(answer.body) };
  }
  return answer;
};

/** The whole mock as data and one function: what the msw handlers and the standalone server share. */
export interface SpecResponder {
  readonly respond: KooDriveResponder;
  readonly spec: CompiledSpec;
}

/** {@link createKooDriveResponder}, with the compiled spec its routes come from (for the standalone server). */
export function createSpecResponder<Ops extends OperationTable = KooDriveOperations>(
  options: KooDriveHandlersOptions<Ops> = {},
): SpecResponder {
  const spec = compileSpec((options.spec ?? kooDriveSpec) as MockSpec);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 0) {
    throw new RangeError(`maxBodyBytes must be a non-negative integer, got ${maxBodyBytes}`);
  }
  const accountsByToken = indexAccounts(options.accounts ?? defaultAccounts);
  const now = options.now ?? (() => new Date());
  const scenarioOption = options.scenario ?? 'normal';
  const fixed = isScenarioController(scenarioOption) ? undefined : resolveScenario(scenarioOption);
  const controller = isScenarioController(scenarioOption) ? scenarioOption : undefined;
  // A controller's current scenario is resolved again only when it changes (by identity).
  let lastSeen: Scenario | undefined;
  let lastResolved: ResolvedScenario | undefined;
  const currentScenario = (): ResolvedScenario => {
    if (fixed !== undefined) return fixed;
    const current = controller?.current ?? 'normal';
    if (current !== lastSeen || lastResolved === undefined) {
      lastResolved = resolveScenario(current);
      lastSeen = current;
    }
    return lastResolved;
  };
  // Serialising 100k devices takes tens of milliseconds: do it once per account.
  const bodies = new Map<MockAccount, string>();
  const bodyOf = (account: MockAccount): string => {
    let body = bodies.get(account);
    if (body === undefined) {
      body = successBody(account);
      bodies.set(account, body);
    }
    return body;
  };
  // toUTCString() once per second of the clock, not once per request.
  let dateSecond = Number.NaN;
  let dateText = '';
  const dateOf = (nowMs: number): string => {
    const second = Math.floor(nowMs / 1000);
    if (second !== dateSecond) {
      dateSecond = second;
      dateText = new Date(nowMs).toUTCString();
    }
    return dateText;
  };

  /** The account's devices, and the scenarios that shape a successful list. */
  const listBoundDevices: OperationBehaviour = (_request, context) => {
    switch (context.scenario.name) {
      case 'empty':
        return jsonAnswer(200, EMPTY_BODY, context.date);
      case 'envelope-error':
        return context.error('envelopeError');
      case 'malformed':
        return jsonAnswer(200, truncateBody(bodyOf(context.account)), context.date);
      default:
        return jsonAnswer(200, bodyOf(context.account), context.date);
    }
  };
  const behaviours = new Map<string, OperationBehaviour>();
  if (spec.operations.has('listBoundDevices')) behaviours.set('listBoundDevices', listBoundDevices);
  for (const [operationId, behaviour] of Object.entries(options.operations ?? {})) {
    if (!spec.operations.has(operationId)) {
      throw new TypeError(`operations.${operationId}: the spec has no operation ${operationId}`);
    }
    if (typeof behaviour !== 'function') throw new TypeError(`operations.${operationId} must be a function`);
    behaviours.set(operationId, behaviour as OperationBehaviour);
  }
  const examples = new Map([...spec.operations].map(([id, operation]) => [id, documentedExamples(operation.spec)]));

  type BodyOutcome = { answer: MockAnswer } | { value: unknown };
  const readJsonBody = async (
    request: MockRequest,
    operation: CompiledOperation,
    date: string,
  ): Promise<BodyOutcome> => {
    const declared = operation.spec.requestBody;
    const bytes = request.body === undefined ? new Uint8Array(0) : await request.body.read(maxBodyBytes);
    if (bytes === undefined) return { answer: errorAnswer('bodyTooLarge', date, { detail: `${maxBodyBytes} bytes` }) };
    if (bytes.byteLength === 0) {
      if (declared?.required === true)
        return { answer: errorAnswer('invalidRequest', date, { detail: 'body is missing' }) };
      return { value: undefined };
    }
    if (!isJsonMediaType(request.headers.get('content-type'))) {
      return {
        answer: errorAnswer('unsupportedMediaType', date, { detail: declared?.contentType ?? 'application/json' }),
      };
    }
    const parsed = parseJsonBody(bytes);
    if (parsed === undefined) return { answer: errorAnswer('notJson', date) };
    const validate = operation.validators.body;
    if (validate !== undefined && !validate(parsed.value)) {
      const error = validate.errors?.[0];
      const detail = error === undefined ? 'body is not valid' : describeBodyError(error);
      return { answer: errorAnswer('invalidRequest', date, { detail }) };
    }
    return { value: parsed.value };
  };

  const answer = (
    request: MockRequest,
    match: RouteMatch,
    operation: CompiledOperation,
    scenario: ResolvedScenario,
  ): MockAnswer | Promise<MockAnswer> => {
    const nowMs = now().getTime();
    const date = dateOf(nowMs);
    switch (scenario.name) {
      case 'unauthorized':
        return errorAnswer('scenarioUnauthorized', date);
      case 'server-error':
        return errorAnswer('serverError', date);
      case 'unavailable':
        return errorAnswer('unavailable', date, { headers: { 'Retry-After': String(scenario.retryAfterSeconds) } });
      case 'rate-limited':
        return errorAnswer('rateLimited', date, { headers: { 'Retry-After': String(scenario.retryAfterSeconds) } });
      default:
        break;
    }

    const check = checkRequest(request.headers, accountsByToken, nowMs);
    if (!check.ok) return errorAnswer(check.reason, date);

    const read = readParameters(operation, match, request.search ?? '', request.headers);
    if ('badPath' in read) {
      return errorAnswer('invalidRequest', date, {
        detail: `path parameter ${read.badPath} is not valid percent-encoding`,
      });
    }
    const validate = operation.validators.parameters;
    if (!validate(read.parameters)) {
      const error = validate.errors?.[0];
      return errorAnswer('invalidRequest', date, {
        detail: error === undefined ? 'parameters are not valid' : describeParameterError(error),
      });
    }
    const behaviour = behaviours.get(operation.operationId) ?? exampleBehaviour;
    const operationExamples = examples.get(operation.operationId) ?? new Map<string, ExampleAnswer>();
    const behave = (body: unknown) =>
      behaviour(
        request,
        new Context(
          operation.operationId,
          operation.spec,
          check.account,
          read.parameters,
          body,
          scenario,
          nowMs,
          date,
          operationExamples,
        ),
      );
    if (operation.spec.requestBody === undefined) return behave(undefined);
    return readJsonBody(request, operation, date).then((outcome) =>
      'answer' in outcome ? outcome.answer : behave(outcome.value),
    );
  };

  const respond: KooDriveResponder = (request) => {
    const match = spec.match(request.pathname);
    if (match === undefined) return undefined;
    // Methods are case-sensitive (RFC 9110 section 9.1): `get` is not GET.
    const { method } = request;
    const operation = match.route.byMethod.get(method === 'HEAD' && !match.route.byMethod.has('HEAD') ? 'GET' : method);
    if (operation === undefined) return methodNotAllowedAnswer(match.route.allow, dateOf(now().getTime()));
    // The bound, before anything is read: a declared length past it is refused at once.
    const declaredLength = request.headers.get('content-length');
    if (declaredLength !== null && Number(declaredLength) > maxBodyBytes) {
      return errorAnswer('bodyTooLarge', dateOf(now().getTime()), { detail: `${maxBodyBytes} bytes` });
    }
    const scenario = currentScenario();
    if (scenario.name === 'slow' && scenario.delayMs > 0) {
      return sleep(scenario.delayMs).then(() => answer(request, match, operation, scenario));
    }
    return answer(request, match, operation, scenario);
  };
  return { respond, spec };
}

/**
 * The mock's whole behaviour as one plain function, shared by the msw handlers and the standalone server (which
 * calls it directly, without building Fetch objects, for throughput), for every operation of the spec: the method
 * check (405 with `Allow` from the spec), the body bound (413), every request check the reference states (token,
 * `X-User-Id`, `X-Date`), the parameters and the JSON body against the spec (400, 415), then the operation's
 * behaviour (`options.operations`, default its documented example); the `{code, msg}` envelope on every error, a
 * `Date` header from `now()` on every answer, `WWW-Authenticate` on every 401, and the scenario (read on every
 * request from a controller).
 */
export function createKooDriveResponder<Ops extends OperationTable = KooDriveOperations>(
  options: KooDriveHandlersOptions<Ops> = {},
): KooDriveResponder {
  return createSpecResponder(options).respond;
}

/**
 * msw 2 handlers for every path of the spec, under any origin and path prefix, that behave like KooDrive (see
 * {@link createKooDriveResponder}): each operation answered, every other method of a path 405 with `Allow`.
 * Requests to other paths are not answered (msw passes them through).
 */
export function createKooDriveHandlers<Ops extends OperationTable = KooDriveOperations>(
  options: KooDriveHandlersOptions<Ops> = {},
): HttpHandler[] {
  const { respond, spec } = createSpecResponder(options);
  return [
    http.all(spec.urlPattern, async ({ request }) => {
      const url = new URL(request.url);
      const answer = await respond({
        method: request.method,
        pathname: url.pathname,
        search: url.search,
        headers: request.headers,
        body: streamBody(request.body),
      });
      if (answer === undefined) return undefined;
      return new HttpResponse(answer.body, { status: answer.status, headers: answer.headers });
    }),
  ];
}
