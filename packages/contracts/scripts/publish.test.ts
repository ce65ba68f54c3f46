import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KOODRIVE_PROVIDER } from '../src/states.js';
import { publishPacts } from './publish.js';

const SECRET = 'stg-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const workDir = mkdtempSync(join(tmpdir(), 'contracts-publish-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('publishing pacts to a Pact Broker', () => {
  it('publishes each consumer with the broker contracts API, and reports a refusal without the token', async () => {
    const file = join(workDir, 'publish.json');
    writeFileSync(
      file,
      JSON.stringify({
        consumer: { name: 'device-dashboard' },
        provider: { name: KOODRIVE_PROVIDER },
        interactions: [],
      }),
    );
    const calls: { url: string; init: RequestInit }[] = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response('{}', { status: calls.length === 1 ? 200 : 401, statusText: 'Unauthorized' });
    }) as unknown as typeof fetch;
    const broker = { baseUrl: 'https://broker.example', token: SECRET };

    await expect(
      publishPacts({ broker, pactFiles: [file], consumerVersion: 'v1', branch: 'main', fetch: fakeFetch }),
    ).resolves.toEqual(['device-dashboard']);
    expect(calls[0]?.url).toBe('https://broker.example/contracts/publish');
    expect((calls[0]?.init.headers as Record<string, string>).Authorization).toBe(`Bearer ${SECRET}`);
    const body = JSON.parse(String(calls[0]?.init.body));
    expect(body).toMatchObject({ pacticipantName: 'device-dashboard', pacticipantVersionNumber: 'v1', branch: 'main' });
    expect(body.contracts[0]).toMatchObject({ consumerName: 'device-dashboard', providerName: KOODRIVE_PROVIDER });
    expect(JSON.parse(Buffer.from(body.contracts[0].content, 'base64').toString('utf8')).consumer.name).toBe(
      'device-dashboard',
    );

    const refused = publishPacts({ broker, pactFiles: [file], consumerVersion: 'v1', fetch: fakeFetch });
    await expect(refused).rejects.toThrow(
      'The Pact Broker refused the pacts of device-dashboard: HTTP 401 Unauthorized',
    );
    await refused.catch((error: Error) => expect(error.message).not.toContain(SECRET));
  });
});
