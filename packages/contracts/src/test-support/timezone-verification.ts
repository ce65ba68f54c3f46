// Child-process entry of `verify-timezone.test.ts`, run under the TZ the test sets (the Pact core reads the
// process's time zone, so each zone needs its own process). Usage: node --import tsx <this file> <result file> <pact file>.
// Verifies the pact against the mock provider (which enforces serverNow - 15 min <= X-Date <= serverNow) through a
// recording proxy, two ways (the pact's own DateTime-generated X-Date; verifyKooDriveProvider), and writes JSON.
import { writeFileSync } from 'node:fs';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { mockProviderCredentials, startMockProvider } from '../provider/mock-provider.js';
import { asVerifierHooks, createResigningHooks, type RequestFilter } from '../provider/resigning.js';
import { verifyKooDriveProvider } from '../provider/verifier-options.js';
import { KOODRIVE_PROVIDER } from '../states.js';
import { startRecordingProxy } from './recording-proxy.js';

export interface RunOutcome {
  passed: boolean;
  /** The verifier's JSON result when it failed. */
  result: string;
  /** The X-Date of every request the provider received. */
  xDates: (string | undefined)[];
}

export interface TimezoneVerificationResult {
  /** `new Date().getTimezoneOffset()` in the child: proves TZ took effect. */
  offsetMinutes: number;
  /** The pact's X-Date as its DateTime generator replays it (only the credentials re-signed). */
  generated: RunOutcome;
  /** `verifyKooDriveProvider`: state handlers plus full re-signing. */
  ours: RunOutcome;
}

const [resultFile, pactFile] = process.argv.slice(2);
if (pactFile === undefined || resultFile === undefined) throw new Error('usage: <result file> <pact file>');

async function outcome(run: Promise<unknown>, xDates: () => (string | undefined)[]): Promise<RunOutcome> {
  return run.then(
    () => ({ passed: true, result: '', xDates: xDates() }),
    (error: unknown) => ({ passed: false, result: String(error), xDates: xDates() }),
  );
}

async function viaMock<T>(use: (url: string, xDates: () => (string | undefined)[]) => Promise<T>): Promise<T> {
  const mock = await startMockProvider();
  const proxy = await startRecordingProxy(mock.url);
  try {
    return await use(proxy.url, () => proxy.requests.map((request) => request.xDate));
  } finally {
    await proxy.close();
    await mock.close();
  }
}

const generated = await viaMock((url, xDates) => {
  const hooks = createResigningHooks(mockProviderCredentials);
  // Re-sign the credentials only: X-Date stays exactly what the Pact core's DateTime generator made.
  const credentialsOnly: RequestFilter = (request, _response, next) => {
    const generated = request.headers['x-date'];
    hooks.resign(request);
    request.headers['x-date'] = generated;
    next();
  };
  const options: VerifierOptions = {
    provider: KOODRIVE_PROVIDER,
    providerBaseUrl: url,
    pactUrls: [pactFile],
    logLevel: 'error',
    ...asVerifierHooks({ ...hooks, requestFilter: credentialsOnly }),
  };
  return outcome(new Verifier(options).verifyProvider(), xDates);
});

const ours = await viaMock((url, xDates) =>
  outcome(
    verifyKooDriveProvider({
      providerBaseUrl: url,
      source: { kind: 'files', pactUrls: [pactFile] },
      credentials: mockProviderCredentials,
      logLevel: 'error',
    }),
    xDates,
  ),
);

const result: TimezoneVerificationResult = {
  offsetMinutes: new Date().getTimezoneOffset(),
  generated,
  ours,
};
writeFileSync(resultFile, JSON.stringify(result));
