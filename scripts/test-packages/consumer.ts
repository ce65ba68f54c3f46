// Another team's code, compiled by its own TypeScript (strict, nodenext) and run by Node, against the packages
// installed from tarballs only.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type BoundDevice, createKooDriveClient, KooDriveError } from '@koodrive-device/client';
import {
  createKooDrivePact,
  EXAMPLE_USER_ID,
  KOODRIVE_PROVIDER,
  listBoundDevicesInteraction,
  providerStates,
} from '@koodrive-device/contracts';
import { findPactFiles, mockProviderCredentials, verifyAgainstMockServer } from '@koodrive-device/contracts/provider';
import { checkPactAgainstSpec, formatSpecCheckResult } from '@koodrive-device/contracts/spec-check';
import { createKooDriveHandlers, demoAccount, referenceDevices } from '@koodrive-device/mocks';
import { setupServer } from 'msw/node';

function expectReferenceDevices(devices: readonly BoundDevice[]): void {
  assert.deepEqual(
    devices.map((device) => device.deviceId),
    referenceDevices.map((device) => device.deviceId),
  );
}

// 1. The consumer's own msw (an older 2.x) with the mocks' handlers intercepts the client's call.
{
  const server = setupServer(...createKooDriveHandlers());
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const client = createKooDriveClient({
      baseUrl: 'https://koodrive.example',
      accessToken: demoAccount.accessToken,
      userId: demoAccount.userId,
      maxAttempts: 1,
    });
    expectReferenceDevices(await client.listBoundDevices());
    console.log('  own setupServer + mocks handlers: the client listed the demo devices');
  } finally {
    server.close();
  }
}

// 2. The mock server bin from the tarball, on a free port: list the demo devices over real HTTP.
{
  const bin = spawn(join('node_modules', '.bin', 'koodrive-mock-server'), ['--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const lines = createInterface({ input: bin.stdout });
    const [line] = (await once(lines, 'line')) as [string];
    const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
    assert.ok(url, `unexpected first line: ${line}`);
    const client = createKooDriveClient({
      baseUrl: url,
      accessToken: demoAccount.accessToken,
      userId: demoAccount.userId,
      maxAttempts: 1,
    });
    expectReferenceDevices(await client.listBoundDevices());
    console.log(`  koodrive-mock-server at ${url}: the client listed the demo devices`);
  } finally {
    const exited = once(bin, 'exit');
    bin.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    assert.equal(code, 0, 'the mock server stops cleanly on SIGTERM');
  }
}

// 3. A pact for a new consumer with the contracts helpers, checked against the shipped spec, then verified
//    against the mock server with the exported helper.
{
  const dir = mkdtempSync(join(tmpdir(), 'koodrive-consumer-pacts-'));
  const pact = createKooDrivePact({ consumer: 'another-team-app', dir });
  const clientFor = (baseUrl: string, accessToken: string) =>
    createKooDriveClient({ baseUrl, accessToken, userId: EXAMPLE_USER_ID, maxAttempts: 1 });

  await listBoundDevicesInteraction(pact, { state: providerStates.boundDevices }).executeTest(async (mock) => {
    assert.ok((await clientFor(mock.url, 'team-test-token').listBoundDevices()).length > 0);
  });
  await listBoundDevicesInteraction(pact, { state: providerStates.noBoundDevices }).executeTest(async (mock) => {
    assert.deepEqual(await clientFor(mock.url, 'team-test-token').listBoundDevices(), []);
  });
  await listBoundDevicesInteraction(pact, { state: providerStates.invalidAccessToken }).executeTest(async (mock) => {
    const error = await clientFor(mock.url, 'team-revoked-token')
      .listBoundDevices()
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    assert.ok(error instanceof KooDriveError && error.kind === 'http' && error.status === 401);
  });

  const pactFiles = findPactFiles(dir);
  assert.deepEqual(pactFiles, [join(dir, `another-team-app-${KOODRIVE_PROVIDER}.json`)]);
  assert.doesNotMatch(readFileSync(pactFiles[0] as string, 'utf8'), /team-test-token|team-revoked-token/);
  for (const file of pactFiles) {
    const result = await checkPactAgainstSpec(file);
    assert.ok(result.success, formatSpecCheckResult(result).join('\n'));
  }
  console.log('  the new pact agrees with the spec shipped in @koodrive-device/contracts');

  assert.deepEqual(
    [...mockProviderCredentials.keys()].sort(),
    [providerStates.boundDevices, providerStates.noBoundDevices].sort(),
  );
  await verifyAgainstMockServer({ pactUrls: pactFiles, logLevel: 'error' });
  console.log('  verifyAgainstMockServer: the new pact verified against the mock server');
}
