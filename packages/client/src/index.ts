export {
  createKooDriveClient,
  type KooDriveClient,
  type KooDriveClientOptions,
  type KooDriveLogger,
  type ListBoundDevicesOptions,
} from './client.js';
/** How far behind the server's time every X-Date is signed (2 s): the margin anything signing for KooDrive uses. */
export { SIGNING_MARGIN_MS as X_DATE_SIGNING_MARGIN_MS } from './clock.js';
export type { BoundDevice, BoundDeviceJson } from './device.js';
export { KooDriveError, type KooDriveErrorDetails, type KooDriveErrorKind } from './errors.js';
export { formatXDate } from './x-date.js';
