import { type BoundDeviceJson, KOODRIVE_DEVICES_PATH } from '@koodrive-device/client';
import { BoundDeviceEntitySchema } from '@koodrive-device/client/schemas';
import { MatchersV3 } from '@pact-foundation/pact';

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

/** The spec's `X-Date` format, as a Java `SimpleDateFormat` pattern (what Pact's DateTime matcher takes). UTC. */
export const X_DATE_FORMAT = "yyyyMMdd'T'HHmmss'Z'";

/** The spec's `X-Date` schema pattern. */
export const X_DATE_PATTERN = '^\\d{8}T\\d{6}Z$';

/**
 * The spec's `X-User-Id` schema (`type: string`, `minLength: 1`) as a regex: any non-empty header value. A header
 * value holds no line break, so `.+` is exactly "at least one character".
 */
export const X_USER_ID_PATTERN = '^.+$';

/**
 * RFC 3339 `date-time` (section 5.6), what the spec's `format: date-time` means for `createTime`: `T` between date
 * and time, fractional seconds optional, `Z` or a `+hh:mm`/`-hh:mm` offset (`T` and `Z` in either case, as the RFC
 * allows). `[0-9]`, not `\d`, which a Unicode-aware regex engine reads as any script's decimal digit.
 */
export const DATE_TIME_PATTERN =
  '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$';

/**
 * `Authorization: Bearer <token>` (the spec's bearer security scheme; the token is an RFC 6750 `b64token`).
 * The pattern pins the scheme and one space; the token itself is never recorded.
 */
export const BEARER_PATTERN = '^Bearer [A-Za-z0-9\\-._~+/]+=*$';

/**
 * The `Authorization` value written into pact files: an obvious placeholder, never a real token. A verifier
 * must replace it with a real token (`npm run verify:provider` re-signs every replayed request).
 */
export const EXAMPLE_AUTHORIZATION = 'Bearer example-access-token';

/** The `X-User-Id` example value (the spec's `XUserId` example). */
export const EXAMPLE_USER_ID = 'demo-user';

/** The `X-Date` example value (the spec's `XDate` example). */
export const EXAMPLE_X_DATE = '20251103T070140Z';

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

/**
 * Converts a `SimpleDateFormat` pattern made of digit fields (`yyyy`, `MM`, `dd`, `HH`, `mm`, `ss`, `SSS`) and
 * quoted literals into an anchored regular expression: `yyyyMMdd'T'HHmmss'Z'` → `^\d{8}T\d{6}Z$`.
 * Used to prove that the X-Date format the pact records is the spec's pattern.
 */
export function dateFormatToPattern(format: string): string {
  const digitFields: Record<string, true> = { y: true, M: true, d: true, H: true, m: true, s: true, S: true };
  let pattern = '';
  let digits = 0;
  const flush = () => {
    if (digits > 0) pattern += `\\d{${digits}}`;
    digits = 0;
  };
  for (let index = 0; index < format.length; index += 1) {
    const char = format.charAt(index);
    if (char === "'") {
      const end = format.indexOf("'", index + 1);
      if (end === -1) throw new Error(`Unterminated quoted literal in date format ${format}`);
      flush();
      pattern += format.slice(index + 1, end).replace(/[.*+?^${}()|[\]-]/g, '\\$&');
      index = end;
    } else if (digitFields[char] === true) {
      digits += 1;
    } else if (/[A-Za-z]/.test(char)) {
      throw new Error(`Unsupported field ${char} in date format ${format}`);
    } else {
      flush();
      pattern += char.replace(/[.*+?^${}()|[\]-]/g, '\\$&');
    }
  }
  flush();
  return `^${pattern}$`;
}

/** Formats a time as `X-Date` (`yyyyMMdd'T'HHmmss'Z'`, UTC): the client's own formatter, so both sign alike. */
export { formatXDate } from '@koodrive-device/client';

/** Throws a `TypeError` naming the value when an example does not satisfy its own pattern (a pact would record it). */
function checkedExample(what: string, pattern: string, example: string): string {
  if (!new RegExp(pattern).test(example)) {
    throw new TypeError(`${what} example ${JSON.stringify(example)} does not match ${pattern}`);
  }
  return example;
}

/**
 * A timestamp matcher that also carries a `DateTime` generator, so a verifier replays the request with a
 * freshly generated time instead of the recorded example. (`MatchersV3.datetime` drops the generator whenever
 * an example is given, and the mock server needs an example.)
 *
 * The Pact core formats the generated time in the verifier's *local* time zone (`chrono::Local::now()` in
 * `pact_models`), and a literal `'Z'` in the format does not convert it: a verifier must run with `TZ=UTC` (CI
 * containers usually do) or re-sign the header as `verifyKooDriveProvider` does. See the README, "X-Date, time
 * zones and other verifiers"; `verify-timezone.test.ts` keeps measuring it.
 */
export function datetimeWithGenerator(format: string, example: string): MatchersV3.DateTimeMatcher {
  return {
    'pact:matcher:type': 'timestamp',
    'pact:generator:type': 'DateTime',
    format,
    value: example,
  };
}

/** `Authorization: Bearer <token>`, by regex; the pact records only the placeholder {@link EXAMPLE_AUTHORIZATION}. */
export function bearerAuthorization(example: string = EXAMPLE_AUTHORIZATION): MatchersV3.V3RegexMatcher {
  return MatchersV3.regex(BEARER_PATTERN, example);
}

/**
 * `X-Date` by a DateTime (timestamp) matcher in the spec's format `yyyyMMdd'T'HHmmss'Z'`, with a `DateTime`
 * generator so a verifier replays a fresh time (in its local zone: run verifiers with `TZ=UTC`, or re-sign).
 */
export function xDate(example: string = EXAMPLE_X_DATE): MatchersV3.DateTimeMatcher {
  return datetimeWithGenerator(X_DATE_FORMAT, checkedExample('X-Date', X_DATE_PATTERN, example));
}

/** `X-User-Id` by regex: any non-empty value (the spec's `minLength: 1`), the provider's user for the state. */
export function xUserId(example: string = EXAMPLE_USER_ID): MatchersV3.V3RegexMatcher {
  return MatchersV3.regex(X_USER_ID_PATTERN, checkedExample('X-User-Id', X_USER_ID_PATTERN, example));
}

/** The request headers of `listBoundDevices`, as matchers. */
export function listBoundDevicesRequestHeaders(options: { userId?: string } = {}): {
  Authorization: MatchersV3.V3RegexMatcher;
  'X-User-Id': MatchersV3.V3RegexMatcher;
  'X-Date': MatchersV3.DateTimeMatcher;
} {
  return {
    Authorization: bearerAuthorization(),
    'X-User-Id': xUserId(options.userId),
    'X-Date': xDate(),
  };
}

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
