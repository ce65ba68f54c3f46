import { randomUUID } from 'node:crypto';
import { X_DATE_SIGNING_MARGIN_MS } from '@koodrive-device/client';
import type { VerifierOptions } from '@pact-foundation/pact';
import { formatXDate } from '../matchers.js';
import { type ProviderCredentials, type ProviderStateCredentials, statesWithoutCredentials } from './states-file.js';

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
/** Pact's request filter: an express middleware `(request, response, next) => void`. */
export type RequestFilter = (request: FilterRequest, response: unknown, next: FilterNext) => void;
/** Setup/teardown per state, the shape pact-js's HTTP verification proxy calls. */
export type StateHandlers = Record<string, { setup: () => Promise<undefined>; teardown: () => Promise<undefined> }>;

/** Pact's own verification proxy routes (state setup, message transport): never re-signed. */
const PACT_INTERNAL_PATHS = ['/_pactSetup', '/_messages'];

export interface ResigningHooks {
  /** One setup/teardown handler per state: setup selects that state's credentials. */
  stateHandlers: StateHandlers;
  /** Replaces `Authorization`, `X-User-Id` and `X-Date` (when the request has them); X-Date by {@link signingXDate}. */
  requestFilter: RequestFilter;
  /** The state whose credentials sign requests now, if any (for tests and diagnostics). */
  readonly currentState: string | undefined;
  /** The bare filter (what `requestFilter` runs). */
  resign(request: FilterRequest): void;
}

/**
 * State handlers and a request filter for `Verifier`: each state's setup selects its credentials, and every
 * replayed request is re-signed with them and a fresh `X-Date`, {@link signingXDate} of `now()`: in UTC whatever
 * the process's time zone (the pact's DateTime generator formats local time), and never the years-old example a
 * provider enforcing the 15-minute window would reject. A state of {@link statesWithoutCredentials} that
 * `credentials` does not map sends a fresh random token and keeps the pact's `X-User-Id`. Tokens are never logged.
 */
export function createResigningHooks(
  credentials: ProviderStateCredentials,
  options: { now?: () => Date } = {},
): ResigningHooks {
  const now = options.now ?? (() => new Date());
  let current: { state: string; credentials: Partial<ProviderCredentials> } | undefined;

  const stateHandlers: StateHandlers = {};
  const select = (state: string, stateCredentials: () => Partial<ProviderCredentials>) => {
    stateHandlers[state] = {
      setup: async () => {
        current = { state, credentials: stateCredentials() };
        return undefined;
      },
      teardown: async () => {
        current = undefined;
        return undefined;
      },
    };
  };
  for (const state of statesWithoutCredentials) {
    // A token nobody issued, new for every interaction: a real provider cannot know it.
    select(state, () => ({ accessToken: `unknown-${randomUUID()}` }));
  }
  for (const [state, stateCredentials] of credentials) select(state, () => stateCredentials);

  const resign = (request: FilterRequest) => {
    if (PACT_INTERNAL_PATHS.some((path) => request.path.startsWith(path))) return;
    const headers = request.headers;
    if (headers['x-date'] !== undefined) headers['x-date'] = signingXDate(now());
    if (current === undefined) return;
    const { accessToken, userId } = current.credentials;
    if (headers.authorization !== undefined && accessToken !== undefined)
      headers.authorization = `Bearer ${accessToken}`;
    if (headers['x-user-id'] !== undefined && userId !== undefined) headers['x-user-id'] = userId;
  };

  const requestFilter: RequestFilter = (request, _response, next) => {
    resign(request);
    next();
  };

  return {
    stateHandlers,
    requestFilter,
    resign,
    get currentState() {
      return current?.state;
    },
  };
}

// pact-js types `stateHandlers` as the intersection of its HTTP and message handler types, and `requestFilter`
// with express's types; the hooks above are the HTTP shapes. These casts are the one place the two meet.
export function asVerifierHooks(hooks: ResigningHooks): Pick<VerifierOptions, 'stateHandlers' | 'requestFilter'> {
  return {
    stateHandlers: hooks.stateHandlers as unknown as NonNullable<VerifierOptions['stateHandlers']>,
    requestFilter: hooks.requestFilter as unknown as NonNullable<VerifierOptions['requestFilter']>,
  };
}
