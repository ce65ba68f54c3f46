import { describe, expect, it } from 'vitest';
import { brokerAuthorization, brokerConfigFromEnv } from './broker.js';
import { ProviderSetupError } from './setup-error.js';

describe('Pact Broker configuration', () => {
  it('is off when PACT_BROKER_BASE_URL is not set', () => {
    expect(brokerConfigFromEnv({})).toBeUndefined();
    expect(brokerConfigFromEnv({ PACT_BROKER_BASE_URL: '  ', PACT_BROKER_TOKEN: 't' })).toBeUndefined();
  });

  it('reads the broker URL and credentials when set', () => {
    expect(brokerConfigFromEnv({ PACT_BROKER_BASE_URL: 'https://broker.example/', PACT_BROKER_TOKEN: 'tok' })).toEqual({
      baseUrl: 'https://broker.example',
      token: 'tok',
    });
    expect(() => brokerConfigFromEnv({ PACT_BROKER_BASE_URL: 'not a url' })).toThrow(ProviderSetupError);
  });

  it('authorizes with the token, else basic auth, else not at all', () => {
    expect(brokerAuthorization({ baseUrl: 'https://b', token: 'tok', username: 'u' })).toBe('Bearer tok');
    expect(brokerAuthorization({ baseUrl: 'https://b', username: 'u', password: 'p' })).toBe(
      `Basic ${Buffer.from('u:p').toString('base64')}`,
    );
    expect(brokerAuthorization({ baseUrl: 'https://b' })).toBeUndefined();
  });
});
