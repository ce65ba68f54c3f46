import type { ProviderCredentials, ProviderStateCredentials } from '../provider/states-file.js';
import { runTestChild } from './child-process.js';

export interface VerificationRequest {
  providerBaseUrl: string;
  pactFile: string;
  /** Re-sign with these (verifyKooDriveProvider); without them, a plain pact-js `Verifier` (no re-signing). */
  credentials?: [string, ProviderCredentials][];
}

export interface VerificationOutcome {
  passed: boolean;
  /** The verifier's JSON result (also on failure). */
  result: string;
}

/**
 * Runs a verification a test expects to fail in a child process (`failing-verification.ts`), so its red report
 * is not printed in a passing test run. The provider is any loopback URL of this process.
 */
export function verifyOutOfSight(options: {
  providerBaseUrl: string;
  pactFile: string;
  credentials?: ProviderStateCredentials;
}): Promise<VerificationOutcome> {
  const request: VerificationRequest = {
    providerBaseUrl: options.providerBaseUrl,
    pactFile: options.pactFile,
    ...(options.credentials === undefined ? {} : { credentials: [...options.credentials] }),
  };
  return runTestChild<VerificationOutcome>('./failing-verification.ts', [JSON.stringify(request)]);
}
