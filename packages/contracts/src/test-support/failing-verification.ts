// Child-process entry of verifyOutOfSight(): runs one verification that a test expects to fail, so that Pact's
// report (red FAILED lines, "ERROR ... Verification unsuccessful") stays in this process's captured output.
// Usage: node --import tsx failing-verification.ts <result file> <options JSON>.
import { writeFileSync } from 'node:fs';
import { Verifier } from '@pact-foundation/pact';
import { verifyKooDriveProvider } from '../provider/verifier-options.js';
import { KOODRIVE_PROVIDER } from '../states.js';
import type { VerificationOutcome, VerificationRequest } from './verify-out-of-sight.js';

const [resultFile, optionsJson] = process.argv.slice(2);
if (resultFile === undefined || optionsJson === undefined) throw new Error('usage: <result file> <options JSON>');
const options = JSON.parse(optionsJson) as VerificationRequest;

const run =
  options.credentials === undefined
    ? new Verifier({
        provider: KOODRIVE_PROVIDER,
        providerBaseUrl: options.providerBaseUrl,
        pactUrls: [options.pactFile],
        logLevel: 'error',
      }).verifyProvider()
    : verifyKooDriveProvider({
        providerBaseUrl: options.providerBaseUrl,
        source: { kind: 'files', pactUrls: [options.pactFile] },
        credentials: new Map(options.credentials),
        logLevel: 'error',
      });

const outcome: VerificationOutcome = await run.then(
  (result) => ({ passed: true, result }),
  (error: unknown) => ({ passed: false, result: error instanceof Error ? error.message : String(error) }),
);
writeFileSync(resultFile, JSON.stringify(outcome));
