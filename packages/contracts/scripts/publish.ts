// Repo tooling, not part of the published package: publishing this repository's pacts to a Pact Broker.
import { readFileSync } from 'node:fs';
import { type BrokerConfig, brokerAuthorization } from '../src/provider/broker.js';
import { ProviderSetupError } from '../src/provider/setup-error.js';
import { gitBranch, gitVersion } from './git.js';

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

/**
 * The one publish call of `publish:pacts` and `verify:provider`: the version is `PACT_CONSUMER_VERSION` (default
 * the git SHA), the branch `PACT_BRANCH` (default the git branch), the build `PACT_BUILD_URL`. Logs what it did.
 */
export async function publishLocalPacts(
  broker: BrokerConfig,
  pactFiles: readonly string[],
  env: Record<string, string | undefined> = process.env,
): Promise<string[]> {
  const consumerVersion = env.PACT_CONSUMER_VERSION ?? gitVersion();
  const branch = env.PACT_BRANCH ?? gitBranch();
  const consumers = await publishPacts({
    broker,
    pactFiles,
    consumerVersion,
    ...(branch === undefined ? {} : { branch }),
    ...(env.PACT_BUILD_URL ? { buildUrl: env.PACT_BUILD_URL } : {}),
  });
  console.log(`Published pacts of ${consumers.join(', ')} (version ${consumerVersion}) to ${broker.baseUrl}`);
  return consumers;
}
