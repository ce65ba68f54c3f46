export {
  createKooDriveClient,
  type KooDriveClient,
  type KooDriveClientOptions,
  type KooDriveLogger,
  type ListBoundDevicesOptions,
} from './client.js';
export type { BoundDevice, BoundDeviceJson } from './device.js';
export { KooDriveError, type KooDriveErrorDetails, type KooDriveErrorKind } from './errors.js';
export { formatXDate } from './x-date.js';
