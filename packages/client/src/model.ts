import type { BoundDeviceEntity, ListBoundDevicesResponse } from './generated/index.js';

/**
 * A model type as JSON puts it on the wire: every `Date` the generated model has is an RFC 3339 string there.
 * Derived, never restated, so a field the spec gains or loses is gained or lost here too.
 */
export type WireJson<T> = T extends Date
  ? string
  : T extends readonly (infer Item)[]
    ? WireJson<Item>[]
    : T extends object
      ? { [K in keyof T]: WireJson<T[K]> }
      : T;

/**
 * A device bound to the user, as `listBoundDevices` returns it: the generated model of the spec's
 * `BoundDeviceEntity`, plain data (own enumerable properties; `createTime` a `Date`).
 */
export type BoundDevice = Readonly<BoundDeviceEntity>;

/** A device in the server's JSON shape (`createTime` an RFC 3339 string): what `JSON.stringify(device)` gives. */
export type BoundDeviceJson = WireJson<BoundDeviceEntity>;

/** The 200 body in the server's JSON shape. */
export type ListBoundDevicesResponseJson = WireJson<ListBoundDevicesResponse>;
