/**
 * Provider names and provider states shared by every consumer of `koodrive-device-api`. A provider verifies a
 * pact by setting each state up (the mock server selects an account; a real provider is given credentials
 * per state, see `@koodrive-device/contracts/provider`). Use these constants, not string literals, so every
 * consumer's pact names the same states.
 */

/** The provider every pact of this repository is written against. */
export const KOODRIVE_PROVIDER = 'koodrive-device-api';

/** This package's own consumer name (the `@koodrive-device/client` library). */
export const KOODRIVE_CLIENT_CONSUMER = 'koodrive-device-client';

/** The provider states a verifier must be able to set up. */
export const providerStates = Object.freeze({
  /** The access token and `X-User-Id` belong to a user with at least one bound device. */
  boundDevices: 'the user has bound devices',
  /** The access token and `X-User-Id` belong to a user without bound devices. */
  noBoundDevices: 'the user has no bound devices',
  /** The access token is not valid (unknown, revoked or expired): the provider answers 401. */
  invalidAccessToken: 'the access token is invalid',
} as const);

export type ProviderStateKey = keyof typeof providerStates;
export type ProviderStateName = (typeof providerStates)[ProviderStateKey];

/** Every state name, in a stable order. */
export const providerStateNames: readonly ProviderStateName[] = Object.freeze(Object.values(providerStates));

/** Narrows a string to a known state name. */
export function isProviderStateName(value: string): value is ProviderStateName {
  return (providerStateNames as readonly string[]).includes(value);
}
