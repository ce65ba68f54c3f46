/**
 * `@koodrive-device/contracts/provider` (Node only): verify the pacts written against `koodrive-device-api` on
 * any provider — the mock server or a real one — re-signing each replayed request with real credentials for its
 * provider state and a fresh `X-Date`. One job per file under `provider/`.
 */
export { type BrokerConfig, brokerConfigFromEnv } from './provider/broker.js';
export {
  type MockProvider,
  mockProviderCredentials,
  startMockProvider,
  verifyAgainstMockServer,
} from './provider/mock-provider.js';
export {
  findPactFiles,
  listPactFiles,
  pactProviderName,
  providerStatesInPacts,
  resolvePactTargets,
} from './provider/pact-files.js';
export {
  createResigningHooks,
  type FilterNext,
  type FilterRequest,
  type RequestFilter,
  type ResigningHooks,
  type StateHandlers,
  signingXDate,
  X_DATE_SIGNING_MARGIN_MS,
} from './provider/resigning.js';
export { ProviderSetupError } from './provider/setup-error.js';
export {
  loadProviderStatesFile,
  type ProviderCredentials,
  type ProviderStateCredentials,
  parseProviderStates,
  statesMissingCredentials,
  statesWithoutCredentials,
} from './provider/states-file.js';
export {
  kooDriveVerifierOptions,
  type PactSource,
  type VerifyProviderOptions,
  verifyKooDriveProvider,
} from './provider/verifier-options.js';
