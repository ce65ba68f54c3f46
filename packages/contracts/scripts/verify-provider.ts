// npm run verify:provider — verifies the consumer pacts against koodrive-device-api.
//   default:                    the standalone mock server of @koodrive-device/mocks (started and stopped here);
//   KOODRIVE_PROVIDER_URL set:  that provider, with KOODRIVE_PROVIDER_STATES = JSON file of credentials per state;
//   PACT_BROKER_BASE_URL set:   publishes the local pacts, then verifies the broker's (selectors, pending pacts).
// Every replayed request is re-signed: the state's token and user, and a fresh X-Date.
import {
  brokerConfigFromEnv,
  findPactFiles,
  loadProviderStatesFile,
  mockProviderCredentials,
  type PactSource,
  ProviderSetupError,
  type ProviderStateCredentials,
  startMockProvider,
  verifyKooDriveProvider,
} from '../src/provider.js';
import { KOODRIVE_PROVIDER } from '../src/states.js';
import { gitBranch, gitVersion } from './git.js';
import { pactsDir } from './paths.js';
import { publishLocalPacts } from './publish.js';

async function main(): Promise<void> {
  const env = process.env;
  const broker = brokerConfigFromEnv(env);
  const pactFiles = findPactFiles(pactsDir, KOODRIVE_PROVIDER);

  let providerUrl = env.KOODRIVE_PROVIDER_URL?.trim() || undefined;
  let credentials: ProviderStateCredentials;
  let stopMock: (() => Promise<void>) | undefined;
  if (providerUrl !== undefined) {
    const statesFile = env.KOODRIVE_PROVIDER_STATES?.trim();
    if (!statesFile) {
      throw new ProviderSetupError(
        'KOODRIVE_PROVIDER_URL is set, so KOODRIVE_PROVIDER_STATES must name a JSON file mapping each provider state to { "accessToken": "...", "userId": "..." }',
      );
    }
    credentials = loadProviderStatesFile(statesFile);
    console.log(`Provider: ${providerUrl} (KOODRIVE_PROVIDER_URL), credentials for ${credentials.size} state(s)`);
  } else {
    const mock = await startMockProvider();
    providerUrl = mock.url;
    stopMock = mock.close;
    credentials = mockProviderCredentials;
    console.log(`Provider: @koodrive-device/mocks standalone server at ${providerUrl}`);
  }

  try {
    let source: PactSource;
    if (broker !== undefined) {
      if (pactFiles.length > 0) await publishLocalPacts(broker, pactFiles, env);
      const providerVersion = env.PACT_PROVIDER_VERSION ?? gitVersion();
      const providerVersionBranch = env.PACT_PROVIDER_BRANCH ?? env.PACT_BRANCH ?? gitBranch();
      source = {
        kind: 'broker',
        broker,
        providerVersion,
        ...(providerVersionBranch === undefined ? {} : { providerVersionBranch }),
        ...(env.PACT_PUBLISH_VERIFICATION_RESULTS === undefined
          ? {}
          : { publishVerificationResult: env.PACT_PUBLISH_VERIFICATION_RESULTS === 'true' }),
        ...(env.PACT_INCLUDE_WIP_PACTS_SINCE ? { includeWipPactsSince: env.PACT_INCLUDE_WIP_PACTS_SINCE } : {}),
      };
      console.log(`Pacts: from the Pact Broker ${broker.baseUrl} (pending pacts enabled)`);
    } else {
      if (pactFiles.length === 0) {
        throw new ProviderSetupError(
          `No pact for ${KOODRIVE_PROVIDER} in ${pactsDir}: run the consumer tests first (npm run test:pacts)`,
        );
      }
      source = { kind: 'files', pactUrls: pactFiles };
      console.log(`Pacts: ${pactFiles.length} local file(s) in ${pactsDir}`);
    }
    await verifyKooDriveProvider({ providerBaseUrl: providerUrl, source, credentials, logLevel: 'warn' });
    console.log(`Provider verification of ${KOODRIVE_PROVIDER} passed`);
  } finally {
    await stopMock?.();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ProviderSetupError) {
    console.error(`verify:provider: ${error.message}`);
  } else {
    // The verifier has already printed what failed; its rejection carries the JSON result.
    console.error(`verify:provider: provider verification of ${KOODRIVE_PROVIDER} failed`);
  }
  process.exitCode = 1;
});
