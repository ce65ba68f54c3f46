import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { X_DATE_SIGNING_MARGIN_MS } from '@koodrive-device/client';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { formatXDate } from './matchers.js';
import { KOODRIVE_PROVIDER } from './states.js';

/**
 * Provider-side helpers: verify the pacts written against `koodrive-device-api` on any provider, re-signing each
 * replayed request with real credentials for its provider state and a fresh `X-Date`. Node only.
 */

/** The credentials a provider accepts for one provider state. */
export interface ProviderCredentials {
  accessToken: string;
  userId: string;
}

/** Credentials per provider state name (e.g. read from a `KOODRIVE_PROVIDER_STATES` file). */
export type ProviderStateCredentials = ReadonlyMap<string, ProviderCredentials>;

/** A bad states file or bad verification setup. The message never contains a token. */
export class ProviderSetupError extends Error {
  override readonly name = 'ProviderSetupError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a states document: `{ "<state name>": { "accessToken": "...", "userId": "..." }, ... }`.
 * Throws a {@link ProviderSetupError} naming the state and field at fault (never the values).
 */
export function parseProviderStates(document: unknown, source = 'the provider states'): ProviderStateCredentials {
  if (!isRecord(document)) {
    throw new ProviderSetupError(`${source} must be a JSON object mapping each state name to { accessToken, userId }`);
  }
  const credentials = new Map<string, ProviderCredentials>();
  for (const [state, value] of Object.entries(document)) {
    if (!isRecord(value)) {
      throw new ProviderSetupError(`${source}: state "${state}" must be an object { accessToken, userId }`);
    }
    for (const field of ['accessToken', 'userId'] as const) {
      const fieldValue = value[field];
      if (typeof fieldValue !== 'string' || fieldValue.trim() === '' || /[\r\n]/.test(fieldValue)) {
        throw new ProviderSetupError(`${source}: state "${state}" needs a non-empty one-line string "${field}"`);
      }
    }
    credentials.set(state, { accessToken: value.accessToken as string, userId: value.userId as string });
  }
  if (credentials.size === 0) throw new ProviderSetupError(`${source} names no provider state`);
  return credentials;
}

/** Reads and checks a `KOODRIVE_PROVIDER_STATES` JSON file. */
export function loadProviderStatesFile(path: string): ProviderStateCredentials {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'read error';
    throw new ProviderSetupError(`Cannot read the provider states file ${path} (${code})`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    // JSON.parse's message can quote the file's content (a token): not repeated here.
    throw new ProviderSetupError(`The provider states file ${path} is not valid JSON`);
  }
  return parseProviderStates(document, `The provider states file ${path}`);
}

/** The pact files in `dir` written against `provider` (by their `provider.name`), sorted. */
export function findPactFiles(dir: string, provider: string = KOODRIVE_PROVIDER): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  return names
    .map((name) => resolve(join(dir, name)))
    .filter((file) => {
      try {
        const pact = JSON.parse(readFileSync(file, 'utf8')) as { provider?: { name?: unknown } };
        return pact.provider?.name === provider;
      } catch {
        return false;
      }
    })
    .sort();
}

/** The provider state names the interactions of these pact files use (V2 `providerState`, V3/V4 `providerStates`). */
export function providerStatesInPacts(files: readonly string[]): string[] {
  const states = new Set<string>();
  for (const file of files) {
    const pact = JSON.parse(readFileSync(file, 'utf8')) as {
      interactions?: { providerState?: string; providerStates?: { name: string }[] }[];
    };
    for (const interaction of pact.interactions ?? []) {
      if (typeof interaction.providerState === 'string') states.add(interaction.providerState);
      for (const state of interaction.providerStates ?? []) states.add(state.name);
    }
  }
  return [...states].sort();
}

/**
 * How far before "now" a verifier signs `X-Date`: the client's own signing margin (2 s). The provider refuses an
 * X-Date later than its own clock (`serverNow - 15 min <= X-Date <= serverNow`), so signing exactly "now" fails
 * against a provider whose clock is even a moment behind the verifier's.
 */
export { X_DATE_SIGNING_MARGIN_MS } from '@koodrive-device/client';

/** The `X-Date` a verifier signs at `now`: {@link X_DATE_SIGNING_MARGIN_MS} earlier, UTC `yyyyMMdd'T'HHmmss'Z'`. */
export function signingXDate(now: Date): string {
  return formatXDate(new Date(now.getTime() - X_DATE_SIGNING_MARGIN_MS));
}

/** The slice of an express request the re-signing filter touches. */
export interface FilterRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
}
export type FilterNext = (error?: unknown) => void;
type RequestFilter = NonNullable<VerifierOptions['requestFilter']>;
/** Setup/teardown per state, the shape pact-js's HTTP verification proxy calls. */
export type StateHandlers = Record<string, { setup: () => Promise<undefined>; teardown: () => Promise<undefined> }>;
// pact-js types `stateHandlers` as the intersection of its HTTP and message handler types; HTTP ones are these.
type VerifierStateHandlers = NonNullable<VerifierOptions['stateHandlers']>;

/** Pact's own verification proxy routes (state setup, message transport): never re-signed. */
const PACT_INTERNAL_PATHS = ['/_pactSetup', '/_messages'];

export interface ResigningHooks {
  /** One setup/teardown handler per state: setup selects that state's credentials. */
  stateHandlers: StateHandlers;
  /** Replaces `Authorization`, `X-User-Id` and `X-Date` (when the request has them); X-Date by {@link signingXDate}. */
  requestFilter: RequestFilter;
  /** The state whose credentials sign requests now, if any (for tests and diagnostics). */
  readonly currentState: string | undefined;
  /** The bare filter, with plain request types (what `requestFilter` runs). */
  resign(request: FilterRequest): void;
}

/**
 * State handlers and a request filter for `Verifier`: each state's setup selects its credentials, and every
 * replayed request is re-signed with them and a fresh `X-Date`, {@link signingXDate} of `now()`: in UTC whatever
 * the process's time zone (the pact's DateTime generator formats local time), and never the years-old example a
 * provider enforcing the 15-minute window would reject. Tokens are never logged.
 */
export function createResigningHooks(
  credentials: ProviderStateCredentials,
  options: { now?: () => Date } = {},
): ResigningHooks {
  const now = options.now ?? (() => new Date());
  let current: { state: string; credentials: ProviderCredentials } | undefined;

  const stateHandlers: StateHandlers = {};
  for (const [state, stateCredentials] of credentials) {
    stateHandlers[state] = {
      setup: async () => {
        current = { state, credentials: stateCredentials };
        return undefined;
      },
      teardown: async () => {
        current = undefined;
        return undefined;
      },
    };
  }

  const resign = (request: FilterRequest) => {
    if (PACT_INTERNAL_PATHS.some((path) => request.path.startsWith(path))) return;
    const headers = request.headers;
    if (headers['x-date'] !== undefined) headers['x-date'] = signingXDate(now());
    if (current === undefined) return;
    if (headers.authorization !== undefined) headers.authorization = `Bearer ${current.credentials.accessToken}`;
    if (headers['x-user-id'] !== undefined) headers['x-user-id'] = current.credentials.userId;
  };

  const requestFilter = ((request: FilterRequest, _response: unknown, next: FilterNext) => {
    resign(request);
    next();
  }) as unknown as RequestFilter;

  return {
    stateHandlers,
    requestFilter,
    resign,
    get currentState() {
      return current?.state;
    },
  };
}

/** Pact Broker settings (from `PACT_BROKER_*` variables). */
export interface BrokerConfig {
  baseUrl: string;
  token?: string;
  username?: string;
  password?: string;
}

/**
 * The broker configuration from the environment, or `undefined` when `PACT_BROKER_BASE_URL` is not set (then
 * pacts are read from local files). `PACT_BROKER_TOKEN`, or `PACT_BROKER_USERNAME` and `PACT_BROKER_PASSWORD`.
 */
export function brokerConfigFromEnv(env: Record<string, string | undefined> = process.env): BrokerConfig | undefined {
  const baseUrl = env.PACT_BROKER_BASE_URL?.trim();
  if (baseUrl === undefined || baseUrl === '') return undefined;
  try {
    new URL(baseUrl);
  } catch {
    throw new ProviderSetupError('PACT_BROKER_BASE_URL is not a valid URL');
  }
  const config: BrokerConfig = { baseUrl: baseUrl.replace(/\/+$/, '') };
  if (env.PACT_BROKER_TOKEN) config.token = env.PACT_BROKER_TOKEN;
  if (env.PACT_BROKER_USERNAME) config.username = env.PACT_BROKER_USERNAME;
  if (env.PACT_BROKER_PASSWORD) config.password = env.PACT_BROKER_PASSWORD;
  return config;
}

function brokerAuthorization(broker: BrokerConfig): string | undefined {
  if (broker.token !== undefined) return `Bearer ${broker.token}`;
  if (broker.username !== undefined) {
    return `Basic ${Buffer.from(`${broker.username}:${broker.password ?? ''}`).toString('base64')}`;
  }
  return undefined;
}

export interface PublishPactsOptions {
  broker: BrokerConfig;
  pactFiles: readonly string[];
  /** The consumer's version (a git SHA is best). */
  consumerVersion: string;
  branch?: string;
  buildUrl?: string;
  fetch?: typeof fetch;
}

/**
 * Publishes pact files with the broker's `POST /contracts/publish` API (Pact Broker >= 2.86, PactFlow), one
 * request per consumer. Resolves with the consumers published.
 */
export async function publishPacts(options: PublishPactsOptions): Promise<string[]> {
  const fetchImpl = options.fetch ?? fetch;
  const byConsumer = new Map<string, { provider: string; content: string }[]>();
  for (const file of options.pactFiles) {
    const text = readFileSync(file, 'utf8');
    const pact = JSON.parse(text) as { consumer?: { name?: string }; provider?: { name?: string } };
    const consumer = pact.consumer?.name;
    const provider = pact.provider?.name;
    if (consumer === undefined || provider === undefined) {
      throw new ProviderSetupError(`${file} is not a pact file (no consumer or provider name)`);
    }
    const list = byConsumer.get(consumer) ?? [];
    list.push({ provider, content: Buffer.from(text, 'utf8').toString('base64') });
    byConsumer.set(consumer, list);
  }
  const authorization = brokerAuthorization(options.broker);
  for (const [consumer, contracts] of byConsumer) {
    const response = await fetchImpl(`${options.broker.baseUrl}/contracts/publish`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/hal+json',
        ...(authorization === undefined ? {} : { Authorization: authorization }),
      },
      body: JSON.stringify({
        pacticipantName: consumer,
        pacticipantVersionNumber: options.consumerVersion,
        ...(options.branch === undefined ? {} : { branch: options.branch }),
        ...(options.buildUrl === undefined ? {} : { buildUrl: options.buildUrl }),
        contracts: contracts.map((contract) => ({
          consumerName: consumer,
          providerName: contract.provider,
          specification: 'pact',
          contentType: 'application/json',
          content: contract.content,
        })),
      }),
    });
    if (!response.ok) {
      throw new ProviderSetupError(
        `The Pact Broker refused the pacts of ${consumer}: HTTP ${response.status} ${response.statusText}`,
      );
    }
  }
  return [...byConsumer.keys()];
}

export type PactSource =
  | { kind: 'files'; pactUrls: readonly string[] }
  | {
      kind: 'broker';
      broker: BrokerConfig;
      /** Publish the verification result (needs `providerVersion`). Default: only when `CI` is set. */
      publishVerificationResult?: boolean;
      providerVersion?: string;
      providerVersionBranch?: string;
      /** Default: the consumers' main branches, what is deployed or released, and the matching branch. */
      consumerVersionSelectors?: NonNullable<VerifierOptions['consumerVersionSelectors']>;
      /** e.g. `2026-01-01`: also verify work-in-progress pacts since then. */
      includeWipPactsSince?: string;
    };

export interface VerifyProviderOptions {
  /** Base URL of the provider, e.g. `https://staging.koodrive.example`. */
  providerBaseUrl: string;
  source: PactSource;
  /** Credentials per provider state; every replayed request is re-signed with them. */
  credentials: ProviderStateCredentials;
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  now?: () => Date;
}

/** The `Verifier` options for {@link verifyKooDriveProvider} (exposed so a team can add its own). */
export function kooDriveVerifierOptions(options: VerifyProviderOptions): VerifierOptions & { providerBaseUrl: string } {
  const hooks = createResigningHooks(options.credentials, options.now === undefined ? {} : { now: options.now });
  const base = {
    provider: KOODRIVE_PROVIDER,
    providerBaseUrl: options.providerBaseUrl,
    logLevel: options.logLevel ?? 'warn',
    stateHandlers: hooks.stateHandlers as unknown as VerifierStateHandlers,
    requestFilter: hooks.requestFilter,
    failIfNoPactsFound: true,
  } satisfies VerifierOptions;
  const { source } = options;
  if (source.kind === 'files') {
    if (source.pactUrls.length === 0) throw new ProviderSetupError('No pact file to verify');
    return { ...base, pactUrls: [...source.pactUrls] };
  }
  const publish = source.publishVerificationResult ?? Boolean(process.env.CI);
  if (publish && source.providerVersion === undefined) {
    throw new ProviderSetupError('Publishing verification results needs a provider version');
  }
  return {
    ...base,
    pactBrokerUrl: source.broker.baseUrl,
    ...(source.broker.token === undefined ? {} : { pactBrokerToken: source.broker.token }),
    ...(source.broker.username === undefined ? {} : { pactBrokerUsername: source.broker.username }),
    ...(source.broker.password === undefined ? {} : { pactBrokerPassword: source.broker.password }),
    consumerVersionSelectors: source.consumerVersionSelectors ?? [
      { mainBranch: true },
      { deployedOrReleased: true },
      { matchingBranch: true },
    ],
    enablePending: true,
    ...(source.includeWipPactsSince === undefined ? {} : { includeWipPactsSince: source.includeWipPactsSince }),
    publishVerificationResult: publish,
    ...(source.providerVersion === undefined ? {} : { providerVersion: source.providerVersion }),
    ...(source.providerVersionBranch === undefined ? {} : { providerVersionBranch: source.providerVersionBranch }),
  };
}

/**
 * Verifies the pacts against a provider. With local files, every state the pacts use must have credentials
 * (checked before anything runs). Resolves with the verifier's JSON result; rejects when verification fails.
 */
export async function verifyKooDriveProvider(options: VerifyProviderOptions): Promise<string> {
  if (options.source.kind === 'files') {
    const missing = providerStatesInPacts(options.source.pactUrls).filter((state) => !options.credentials.has(state));
    if (missing.length > 0) {
      throw new ProviderSetupError(
        `No credentials for the provider state(s): ${missing.map((s) => `"${s}"`).join(', ')}`,
      );
    }
  }
  return new Verifier(kooDriveVerifierOptions(options)).verifyProvider();
}
