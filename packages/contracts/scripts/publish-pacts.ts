// npm run publish:pacts — publishes the pacts in <repo>/pacts to the Pact Broker named by PACT_BROKER_BASE_URL
// (PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD). Without it, says so and does nothing.
import { brokerConfigFromEnv, findPactFiles, ProviderSetupError, publishPacts } from '../src/provider.js';
import { KOODRIVE_PROVIDER } from '../src/states.js';
import { gitBranch, gitVersion } from './git.js';
import { pactsDir } from './paths.js';

async function main(): Promise<void> {
  const broker = brokerConfigFromEnv(process.env);
  if (broker === undefined) {
    console.log('publish:pacts: PACT_BROKER_BASE_URL is not set; pacts stay in local files.');
    return;
  }
  const files = findPactFiles(pactsDir, KOODRIVE_PROVIDER);
  if (files.length === 0)
    throw new ProviderSetupError(`No pact in ${pactsDir}: run the consumer tests first (npm test)`);
  const consumerVersion = process.env.PACT_CONSUMER_VERSION ?? gitVersion();
  const branch = process.env.PACT_BRANCH ?? gitBranch();
  const consumers = await publishPacts({
    broker,
    pactFiles: files,
    consumerVersion,
    ...(branch === undefined ? {} : { branch }),
    ...(process.env.PACT_BUILD_URL ? { buildUrl: process.env.PACT_BUILD_URL } : {}),
  });
  console.log(`Published pacts of ${consumers.join(', ')} (version ${consumerVersion}) to ${broker.baseUrl}`);
}

main().catch((error: unknown) => {
  console.error(`publish:pacts: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
