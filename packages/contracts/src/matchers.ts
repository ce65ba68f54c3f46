import { type BoundDeviceJson, KOODRIVE_DEVICES_PATH } from '@koodrive-device/client';
import { BoundDeviceEntitySchema } from '@koodrive-device/client/schemas';
import { MatchersV3 } from '@pact-foundation/pact';
import { responseBodyMatcher, schemaMatcher } from './operation-matchers.js';
import { checkedExample } from './request-matchers.js';
import {
  type AllOfMatcher,
  DATE_TIME_PATTERN,
  type ExampleOf,
  type OptionalPaths,
  type SchemaNode,
  stringMatching,
} from './schema-matchers.js';

// The request's matchers (headers, X-Date, the bearer token) are in `request-matchers.ts`; this module re-exports
// them, so `matchers.js` stays the one import for every matcher.
export {
  BEARER_PATTERN,
  bearerAuthorization,
  dateFormatToPattern,
  datetimeWithGenerator,
  EXAMPLE_AUTHORIZATION,
  EXAMPLE_USER_ID,
  EXAMPLE_X_DATE,
  formatXDate,
  listBoundDevicesRequestHeaders,
  X_DATE_FORMAT,
  X_DATE_PATTERN,
  X_USER_ID_PATTERN,
  xDate,
  xUserId,
} from './request-matchers.js';
export { type AllOfMatcher, DATE_TIME_PATTERN } from './schema-matchers.js';

/**
 * Pact matchers for KooDrive's `listBoundDevices`, derived from the spec as data the generator wrote
 * (`@koodrive-device/client/schemas`, see `operation-matchers.ts`) and tied to `openapi/koodrive-device.yaml` by
 * `matchers.test.ts`. Nothing here reads the spec file at run time, so a consumer team can use these helpers
 * without the repository's spec package.
 */

/** The endpoint's path (the spec's only path), the client's `KOODRIVE_DEVICES_PATH`. */
export const LIST_BOUND_DEVICES_PATH = KOODRIVE_DEVICES_PATH;

/** The spec's `BoundDeviceEntity` properties, as the generator wrote them (`@koodrive-device/client/schemas`). */
const deviceProperties: Readonly<Record<string, SchemaNode>> = BoundDeviceEntitySchema.properties;
const requiredDeviceFields: readonly string[] = BoundDeviceEntitySchema.required;

/** The spec's `BoundDeviceEntity.deviceId` pattern: decimal digits only. Example IDs have 19 digits (> 2^53). */
export const DEVICE_ID_PATTERN: string = BoundDeviceEntitySchema.properties.deviceId.pattern;

/** A device as the spec's `BoundDeviceEntity` describes it, in JSON: the client's type, derived from the spec. */
export type BoundDeviceExample = BoundDeviceJson;

/** The optional `BoundDeviceEntity` fields a consumer can ask a pact to demand (none in today's spec). */
export type BoundDeviceOptionalField = OptionalPaths<typeof BoundDeviceEntitySchema>;

/**
 * The spec's example device: the `example` of every *required* `BoundDeviceEntity` property (they are the
 * reference page's first device; `matchers.test.ts` checks that against the spec's 200 example). An optional
 * property is not part of it: a consumer that reads one asks for it (`boundDeviceEntity({}, { include })`).
 */
export const exampleBoundDevice: Readonly<BoundDeviceExample> = Object.freeze(
  Object.fromEntries(
    Object.entries(deviceProperties)
      .filter(([name]) => requiredDeviceFields.includes(name))
      .map(([name, schema]) => [name, schema.example]),
  ) as unknown as BoundDeviceExample,
);

/** Error envelope example for an invalid access token (the spec's `Unauthorized` example). */
export const exampleUnauthorizedBody = Object.freeze({
  code: 401001,
  msg: 'The access token is missing, unknown or expired',
});

/**
 * A JSON string of decimal digits (the example keeps the spec's 19 digits). Type AND regex: Pact's regex matcher
 * alone accepts a JSON number whose digits match, and a number is exactly what must fail (2^53 precision loss).
 */
export function deviceId(example: string = exampleBoundDevice.deviceId): AllOfMatcher<string> {
  return stringMatching('deviceId', DEVICE_ID_PATTERN, example);
}

/**
 * `createTime` by regex: any RFC 3339 date-time (the spec's `format: date-time`), not only the example's shape
 * (UTC with milliseconds). A provider that drops the milliseconds or sends an offset still honours the spec.
 */
export function createTime(example: string = exampleBoundDevice.createTime): MatchersV3.V3RegexMatcher {
  return MatchersV3.regex(DATE_TIME_PATTERN, checkedExample('createTime', DATE_TIME_PATTERN, example));
}

/** What {@link boundDeviceEntity} puts on each field. */
export type DeviceFieldMatcher = MatchersV3.Matcher<unknown> | AllOfMatcher<string>;

/** What {@link boundDeviceEntity} takes besides example values. */
export interface BoundDeviceOptions {
  /** Optional fields the consumer reads, which the pact then demands. */
  readonly include?: readonly BoundDeviceOptionalField[];
}

/**
 * Matchers for a `BoundDeviceEntity`, each chosen from the field's schema (pattern, date-time, JSON type): every
 * required field, and an optional one only when `include` names it or `overrides` gives it a value. A field the
 * spec gains is matched with no edit here when it is required, and demanded by no pact when it is optional.
 */
export function boundDeviceEntity(
  overrides: Partial<BoundDeviceExample> = {},
  options: BoundDeviceOptions = {},
): { [K in keyof BoundDeviceExample]: DeviceFieldMatcher } {
  return schemaMatcher('BoundDeviceEntity', {
    example: overrides as ExampleOf<typeof BoundDeviceEntitySchema>,
    ...(options.include === undefined ? {} : { include: options.include }),
  }) as { [K in keyof BoundDeviceExample]: DeviceFieldMatcher };
}

/**
 * The 200 body of `listBoundDevices` with at least `min` devices, each matching {@link boundDeviceEntity} (the
 * `include`d optional fields too), derived from the operation's documented response; `code` is exactly 0.
 */
export function boundDevicesResponseBody(
  options: { min?: number; device?: Partial<BoundDeviceExample>; include?: readonly BoundDeviceOptionalField[] } = {},
) {
  const body = responseBodyMatcher('listBoundDevices', 200, {
    include: ['data', ...(options.include ?? []).map((field) => `data.${field}` as const)],
    example: { data: [(options.device ?? {}) as ExampleOf<typeof BoundDeviceEntitySchema>] },
    min: { data: options.min ?? 1 },
  }) as { msg: MatchersV3.Matcher<string>; data: MatchersV3.MinLikeMatcher<ReturnType<typeof boundDeviceEntity>[]> };
  return { code: 0, msg: body.msg, data: body.data };
}

/** The 200 body of a user without devices: `data` is exactly `[]`. */
export function noBoundDevicesResponseBody() {
  return { code: 0, msg: MatchersV3.string('success'), data: [] as never[] };
}

/** The error envelope (`{ code, msg }`, no `data`) with the 401 example. */
export function errorEnvelopeBody(example: { code: number; msg: string } = exampleUnauthorizedBody) {
  return { code: MatchersV3.integer(example.code), msg: MatchersV3.string(example.msg) };
}
