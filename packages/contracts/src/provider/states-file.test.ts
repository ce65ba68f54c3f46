import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { providerStates } from '../states.js';
import { useTempDir } from '../test-support/temp-dir.js';
import { ProviderSetupError } from './setup-error.js';
import {
  loadProviderStatesFile,
  parseProviderStates,
  statesMissingCredentials,
  statesWithoutCredentials,
} from './states-file.js';

const SECRET = 'stg-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const temp = useTempDir('contracts-states-file-');

describe('provider states file', () => {
  it('reads credentials per state', () => {
    const credentials = parseProviderStates({
      [providerStates.boundDevices]: { accessToken: SECRET, userId: 'user-1' },
      [providerStates.noBoundDevices]: { accessToken: 'other-token', userId: 'user-2' },
    });
    expect(credentials.get(providerStates.boundDevices)).toEqual({ accessToken: SECRET, userId: 'user-1' });
    expect(credentials.size).toBe(2);
  });

  it('names the state and field at fault without repeating any value', () => {
    const attempt = () =>
      parseProviderStates({ [providerStates.boundDevices]: { accessToken: SECRET, userId: '' } }, 'states.json');
    expect(attempt).toThrow(ProviderSetupError);
    expect(attempt).toThrow(
      `states.json: state "${providerStates.boundDevices}" needs a non-empty one-line string "userId"`,
    );
    try {
      attempt();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(SECRET);
    }
  });

  it('rejects documents that are not a map of states', () => {
    expect(() => parseProviderStates([])).toThrow(/must be a JSON object/);
    expect(() => parseProviderStates({})).toThrow(/names no provider state/);
    expect(() => parseProviderStates({ s: 'token' })).toThrow(/state "s" must be an object/);
    expect(() => parseProviderStates({ s: { accessToken: 'a\nb', userId: 'u' } })).toThrow(/"accessToken"/);
  });

  it('reports a broken JSON file without quoting its content', () => {
    const file = temp.write('broken.json', `{ "x": { "accessToken": "${SECRET}" `);
    expect(() => loadProviderStatesFile(file)).toThrow(`The provider states file ${file} is not valid JSON`);
    expect(() => loadProviderStatesFile(join(temp.dir, 'missing.json'))).toThrow(/Cannot read .* \(ENOENT\)/);
  });
});

describe('which states need credentials', () => {
  it('needs none for the invalid-token state, and some for every other state', () => {
    expect(statesWithoutCredentials).toEqual([providerStates.invalidAccessToken]);
    const onlyDevices = parseProviderStates({ [providerStates.boundDevices]: { accessToken: 't', userId: 'u' } });
    expect(
      statesMissingCredentials(
        [providerStates.noBoundDevices, providerStates.invalidAccessToken, providerStates.boundDevices],
        onlyDevices,
      ),
    ).toEqual([providerStates.noBoundDevices]);
  });
});
