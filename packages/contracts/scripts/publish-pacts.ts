// npm run publish:pacts — publishes the pacts in <repo>/pacts to the Pact Broker named by PACT_BROKER_BASE_URL
// (PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD). Without it, says so and does nothing.
import { brokerConfigFromEnv } from '../src/provider/broker.js';
import { findPactFiles } from '../src/provider/pact-files.js';
import { ProviderSetupError } from '../src/provider/setup-error.js';
import { pactsDir } from './paths.js';
import { publishLocalPacts } from './publish.js';

async function main(): Promise<void> {
  const broker = brokerConfigFromEnv(process.env);
  if (broker === undefined) {
    console.log('publish:pacts: PACT_BROKER_BASE_URL is not set; pacts stay in local files.');
    return;
  }
  const files = findPactFiles(pactsDir);
  if (files.length === 0)
    throw new ProviderSetupError(`No pact in ${pactsDir}: run the consumer tests first (npm run test:pacts)`);
  await publishLocalPacts(broker, files);
}

main().catch((error: unknown) => {
  console.error(`publish:pacts: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
