/* tslint:disable */
/* eslint-disable */
export * from './BoundDeviceEntity.js';
export * from './ErrorEnvelope.js';
export * from './ListBoundDevicesResponse.js';
