import type { SchemaFormats } from './generated/validators.js';

// RFC 3339 date-time, judged exactly as the spec validator (ajv-formats, `format: date-time`, full mode)
// judges it, so the client never accepts what the spec rejects or the other way round. One function,
// `parseDateTime`, both judges a date-time (the validators' format) and gives its instant (the transformer in
// `devices.ts`): no state between the two.

const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(?:z|([+-])(\d\d)(?::?(\d\d))?)$/i;
const SEPARATOR = /t|\s/i;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The decimal number in `text` from `at`, `count` digits long, or -1 when one of them is not a digit. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let index = at; index < at + count; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The common case, the reference's own shape (`2025-09-15T06:14:48.630Z`), read character by character: its
 * instant, or NaN when the text is not in that shape with every field in range. Days 29-31 (the month's length)
 * and years 0-99 (`Date.UTC` maps them to 1900-1999) are left to the general parser.
 */
function canonicalInstant(text: string): number {
  if (
    text.length !== 24 ||
    text.charCodeAt(4) !== 45 || // -
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 || // T
    text.charCodeAt(13) !== 58 || // :
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(19) !== 46 || // .
    text.charCodeAt(23) !== 90 // Z
  ) {
    return Number.NaN;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const millis = digits(text, 20, 3);
  if ((hour | minute | second | millis) < 0 || year < 100 || month < 1 || month > 12 || day < 1 || day > 28) {
    return Number.NaN;
  }
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis);
}

/** Milliseconds since the epoch for an RFC 3339 date-time, or NaN when the spec would reject it. */
export function parseDateTime(text: string): number {
  const canonical = canonicalInstant(text);
  return Number.isNaN(canonical) ? parseAnyDateTime(text) : canonical;
}

/** Every RFC 3339 shape: lower-case `t`/`z`, a space separator, offsets, any fraction, a leap second. */
function parseAnyDateTime(text: string): number {
  const parts = text.split(SEPARATOR);
  if (parts.length !== 2) return Number.NaN;
  const date = DATE.exec(parts[0] as string);
  const time = TIME.exec(parts[1] as string);
  if (date === null || time === null) return Number.NaN;
  const year = +(date[1] as string);
  const month = +(date[2] as string);
  const day = +(date[3] as string);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && leap ? 29 : (DAYS[month] as number))) {
    return Number.NaN;
  }
  const hour = +(time[1] as string);
  const minute = +(time[2] as string);
  const second = +(time[3] as string);
  const sign = time[4] === '-' ? -1 : 1;
  const tzHour = +(time[5] ?? 0);
  const tzMinute = +(time[6] ?? 0);
  if (tzHour > 23 || tzMinute > 59) return Number.NaN;
  if (!(hour <= 23 && minute <= 59 && second < 60)) {
    // A leap second is valid only at 23:59:60 UTC (ajv-formats' rule); Date rolls it into the next minute.
    const utcMinute = minute - tzMinute * sign;
    const utcHour = hour - tzHour * sign - (utcMinute < 0 ? 1 : 0);
    if (!((utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second < 61)) {
      return Number.NaN;
    }
  }
  const whole = Math.floor(second);
  const millis = Math.floor((second - whole) * 1000 + 1e-6);
  const result = new Date(0);
  result.setUTCFullYear(year, month - 1, day); // not Date.UTC: it maps years 0-99 to 1900-1999
  result.setUTCHours(hour, minute, whole, millis);
  return result.getTime() - sign * (tzHour * 60 + tzMinute) * 60_000;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * The formats the spec uses, in the shape ajv-formats defines them, for the generated validators
 * (`src/generated/validators.ts` names them; `npm run generate` fails on a format missing here). Pure functions.
 */
export const formats: SchemaFormats = {
  'date-time': { validate: (text: string) => !Number.isNaN(parseDateTime(text)) },
  int32: { validate: (value: number) => Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX },
};
