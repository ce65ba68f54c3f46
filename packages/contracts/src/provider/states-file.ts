import { readFileSync } from 'node:fs';
import { providerStates } from '../states.js';
import { ProviderSetupError } from './setup-error.js';

/** The credentials a provider accepts for one provider state. */
export interface ProviderCredentials {
  accessToken: string;
  userId: string;
}

/** Credentials per provider state name (e.g. read from a `KOODRIVE_PROVIDER_STATES` file). */
export type ProviderStateCredentials = ReadonlyMap<string, ProviderCredentials>;

/**
 * The states whose meaning is "the provider does not know this token": they need no credentials. Unless the
 * states file maps them, the verifier sends a fresh random token (and the pact's own `X-User-Id`), which no
 * provider can know.
 */
export const statesWithoutCredentials: readonly string[] = Object.freeze([providerStates.invalidAccessToken]);

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

/** The states among `used` that need credentials and have none in `credentials`, sorted. */
export function statesMissingCredentials(used: readonly string[], credentials: ProviderStateCredentials): string[] {
  return used.filter((state) => !credentials.has(state) && !statesWithoutCredentials.includes(state)).sort();
}
