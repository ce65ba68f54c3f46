export {
  createManyDevicesAccount,
  defaultAccounts,
  demoAccount,
  emptyAccount,
  MAX_MANY_DEVICES,
  type MockAccount,
  type MockDevice,
  referenceDevices,
} from './fixtures.js';
export {
  checkRequest,
  createKooDriveHandlers,
  handlers,
  KOODRIVE_DEVICES_PATH,
  type KooDriveHandlersOptions,
  type MockErrorReason,
  mockErrors,
  type RequestCheck,
  successBody,
  truncateBody,
  X_DATE_MAX_AGE_MS,
} from './handlers.js';
export {
  createScenarioController,
  DEFAULT_RETRY_AFTER_SECONDS,
  DEFAULT_SLOW_DELAY_MS,
  isScenarioController,
  isScenarioName,
  MAX_DELAY_MS,
  type ResolvedScenario,
  resolveScenario,
  type Scenario,
  type ScenarioController,
  type ScenarioName,
  scenarioDescriptions,
  scenarioNames,
} from './scenarios.js';
export { formatXDate, type ParsedXDate, parseXDate } from './x-date.js';
