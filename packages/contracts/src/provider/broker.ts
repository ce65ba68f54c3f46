import { ProviderSetupError } from './setup-error.js';

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

/** The `Authorization` header for the broker: the token, else basic auth, else none. */
export function brokerAuthorization(broker: BrokerConfig): string | undefined {
  if (broker.token !== undefined) return `Bearer ${broker.token}`;
  if (broker.username !== undefined) {
    return `Basic ${Buffer.from(`${broker.username}:${broker.password ?? ''}`).toString('base64')}`;
  }
  return undefined;
}
