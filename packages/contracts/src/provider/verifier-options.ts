import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { KOODRIVE_PROVIDER } from '../states.js';
import type { BrokerConfig } from './broker.js';
import { providerStatesInPacts } from './pact-files.js';
import { asVerifierHooks, createResigningHooks } from './resigning.js';
import { ProviderSetupError } from './setup-error.js';
import { type ProviderStateCredentials, statesMissingCredentials } from './states-file.js';

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
  /**
   * Credentials per provider state; every replayed request is re-signed with them. The invalid-token state
   * needs none (`statesWithoutCredentials`).
   */
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
    ...asVerifierHooks(hooks),
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
 * Verifies the pacts against a provider. With local files, every state the pacts use must have credentials,
 * except the invalid-token state (checked before anything runs). Resolves with the verifier's JSON result;
 * rejects when verification fails.
 */
export async function verifyKooDriveProvider(options: VerifyProviderOptions): Promise<string> {
  if (options.source.kind === 'files') {
    const missing = statesMissingCredentials(providerStatesInPacts(options.source.pactUrls), options.credentials);
    if (missing.length > 0) {
      throw new ProviderSetupError(
        `No credentials for the provider state(s): ${missing.map((s) => `"${s}"`).join(', ')}`,
      );
    }
  }
  return new Verifier(kooDriveVerifierOptions(options)).verifyProvider();
}
