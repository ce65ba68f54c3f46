import { MatchersV3 } from '@pact-foundation/pact';

/**
 * Pact matchers for the request of KooDrive's `listBoundDevices`: its three headers, written from
 * `openapi/koodrive-device.yaml` and tied to it by `matchers.test.ts`. Re-exported by `matchers.ts`.
 */

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

/** Throws a `TypeError` naming the value when an example does not satisfy its own pattern (a pact would record it). */
export function checkedExample(what: string, pattern: string, example: string): string {
  if (!new RegExp(pattern).test(example)) {
    throw new TypeError(`${what} example ${JSON.stringify(example)} does not match ${pattern}`);
  }
  return example;
}
