export {
  createKooDriveClient,
  type KooDriveClient,
  type KooDriveClientOptions,
  type KooDriveLogger,
  type KooDriveRetryEvent,
  type ListBoundDevicesOptions,
} from './client.js';
/** How far behind the server's time every X-Date is signed (2 s): the margin anything signing for KooDrive uses. */
export { SIGNING_MARGIN_MS as X_DATE_SIGNING_MARGIN_MS } from './clock.js';
export { BEARER_TOKEN, BEARER_TOKEN_CHARS, KOODRIVE_DEVICES_PATH, X_DATE_WINDOW_MS } from './endpoint.js';
export {
  type KooDriveAbortedError,
  type KooDriveAccessTokenError,
  type KooDriveApiError,
  KooDriveError,
  type KooDriveErrorConstructor,
  type KooDriveErrorDetails,
  type KooDriveErrorKind,
  type KooDriveHttpError,
  type KooDriveInvalidRequestError,
  type KooDriveInvalidResponseError,
  type KooDriveNetworkError,
  type KooDriveTimeoutError,
} from './errors.js';
export type { BoundDevice, BoundDeviceJson, ListBoundDevicesResponseJson, WireJson } from './model.js';
export type { KooDriveOperations, OperationData, OperationId, OperationParameters } from './operation-types.js';
export { formatXDate, type ParsedXDate, parseXDate } from './x-date.js';
