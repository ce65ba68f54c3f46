import { type BoundDeviceJson, KOODRIVE_DEVICES_PATH } from '@koodrive-device/client';
import { BoundDeviceEntitySchema } from '@koodrive-device/client/schemas';
import { MatchersV3 } from '@pact-foundation/pact';
import { checkedExample } from './request-matchers.js';

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

/**
 * Pact matchers for KooDrive's `listBoundDevices`, written from `openapi/koodrive-device.yaml` and tied to it by
 * `matchers.test.ts` (same patterns, same example values). Nothing here reads the spec at run time, so a consumer
 * team can use these helpers without the repository's spec package.
 */

/** The endpoint's path (the spec's only path), the client's `KOODRIVE_DEVICES_PATH`. */
export const LIST_BOUND_DEVICES_PATH = KOODRIVE_DEVICES_PATH;

/** The spec's `BoundDeviceEntity` properties, as the generator wrote them (`@koodrive-device/client/schemas`). */
const deviceProperties: Readonly<Record<string, PropertySchema>> = BoundDeviceEntitySchema.properties;
const requiredDeviceFields: readonly string[] = BoundDeviceEntitySchema.required;

interface PropertySchema {
  readonly type?: string;
  readonly pattern?: string;
  readonly format?: string;
  readonly example?: unknown;
}

/** The spec's `BoundDeviceEntity.deviceId` pattern: decimal digits only. Example IDs have 19 digits (> 2^53). */
export const DEVICE_ID_PATTERN: string = BoundDeviceEntitySchema.properties.deviceId.pattern;

/**
 * RFC 3339 `date-time` (section 5.6), what the spec's `format: date-time` means for `createTime`: `T` between date
 * and time, fractional seconds optional, `Z` or a `+hh:mm`/`-hh:mm` offset (`T` and `Z` in either case, as the RFC
 * allows). `[0-9]`, not `\d`, which a Unicode-aware regex engine reads as any script's decimal digit.
 */
export const DATE_TIME_PATTERN =
  '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$';

/** A device as the spec's `BoundDeviceEntity` describes it, in JSON: the client's type, derived from the spec. */
export type BoundDeviceExample = BoundDeviceJson;

/**
 * The spec's example device: every `BoundDeviceEntity` property's own `example` (they are the reference page's
 * first device; `matchers.test.ts` checks that against the spec's 200 example).
 */
export const exampleBoundDevice: Readonly<BoundDeviceExample> = Object.freeze(
  Object.fromEntries(
    Object.entries(deviceProperties)
      .filter(([, schema]) => schema.example !== undefined)
      .map(([name, schema]) => [name, schema.example]),
  ) as unknown as BoundDeviceExample,
);

/** Error envelope example for an invalid access token (the spec's `Unauthorized` example). */
export const exampleUnauthorizedBody = Object.freeze({
  code: 401001,
  msg: 'The access token is missing, unknown or expired',
});

/** Several matchers that must all hold (Pact's integration JSON takes an array as `pact:matcher:type`). */
export interface AllOfMatcher<T> {
  'pact:matcher:type': readonly ({ 'pact:matcher:type': 'type' } | { 'pact:matcher:type': 'regex'; regex: string })[];
  value: T;
}

/**
 * A JSON string of decimal digits (the example keeps the spec's 19 digits). Type AND regex: Pact's regex matcher
 * alone accepts a JSON number whose digits match, and a number is exactly what must fail (2^53 precision loss).
 */
export function deviceId(example: string = exampleBoundDevice.deviceId): AllOfMatcher<string> {
  return {
    'pact:matcher:type': [{ 'pact:matcher:type': 'type' }, { 'pact:matcher:type': 'regex', regex: DEVICE_ID_PATTERN }],
    value: example,
  };
}

/**
 * `createTime` by regex: any RFC 3339 date-time (the spec's `format: date-time`), not only the example's shape
 * (UTC with milliseconds). A provider that drops the milliseconds or sends an offset still honours the spec.
 */
export function createTime(example: string = exampleBoundDevice.createTime): MatchersV3.V3RegexMatcher {
  return MatchersV3.regex(DATE_TIME_PATTERN, checkedExample('createTime', DATE_TIME_PATTERN, example));
}

/** A matcher for one device property, chosen from its schema: pattern, date-time format, or JSON type. */
function propertyMatcher(name: string, schema: PropertySchema, example: unknown): DeviceFieldMatcher {
  if (schema.type === 'string' && typeof example === 'string') {
    if (schema.format === 'date-time') return createTime(example);
    if (schema.pattern !== undefined) {
      return {
        'pact:matcher:type': [{ 'pact:matcher:type': 'type' }, { 'pact:matcher:type': 'regex', regex: schema.pattern }],
        value: checkedExample(name, schema.pattern, example),
      };
    }
    return MatchersV3.string(example);
  }
  if (schema.type === 'integer' && typeof example === 'number') return MatchersV3.integer(example);
  if (schema.type === 'number' && typeof example === 'number') return MatchersV3.decimal(example);
  if (schema.type === 'boolean' && typeof example === 'boolean') return MatchersV3.boolean(example);
  return MatchersV3.like(example);
}

/** What {@link boundDeviceEntity} puts on each field. */
export type DeviceFieldMatcher = MatchersV3.Matcher<unknown> | AllOfMatcher<string>;

/**
 * Matchers for every field of a `BoundDeviceEntity` that the spec gives an example for (every required one, and
 * optional ones with an example), each chosen from the field's schema; pass `overrides` to change example values.
 * A field the spec gains is matched with no edit here.
 */
export function boundDeviceEntity(overrides: Partial<BoundDeviceExample> = {}): {
  [K in keyof BoundDeviceExample]-?: DeviceFieldMatcher;
} {
  const example: Record<string, unknown> = { ...exampleBoundDevice, ...overrides };
  const matchers: Record<string, DeviceFieldMatcher> = {};
  for (const [name, schema] of Object.entries(deviceProperties)) {
    const value = example[name];
    if (value === undefined) {
      if (requiredDeviceFields.includes(name)) {
        throw new TypeError(`boundDeviceEntity: the spec gives the required field ${name} no example; pass one`);
      }
      continue;
    }
    matchers[name] = propertyMatcher(name, schema, value);
  }
  return matchers as { [K in keyof BoundDeviceExample]-?: DeviceFieldMatcher };
}

/** The 200 body with at least `min` devices, each matching {@link boundDeviceEntity}. */
export function boundDevicesResponseBody(options: { min?: number; device?: Partial<BoundDeviceExample> } = {}) {
  return {
    code: 0,
    msg: MatchersV3.string('success'),
    data: MatchersV3.eachLike(boundDeviceEntity(options.device), options.min ?? 1),
  };
}

/** The 200 body of a user without devices: `data` is exactly `[]`. */
export function noBoundDevicesResponseBody() {
  return { code: 0, msg: MatchersV3.string('success'), data: [] as never[] };
}

/** The error envelope (`{ code, msg }`, no `data`) with the 401 example. */
export function errorEnvelopeBody(example: { code: number; msg: string } = exampleUnauthorizedBody) {
  return { code: MatchersV3.integer(example.code), msg: MatchersV3.string(example.msg) };
}
