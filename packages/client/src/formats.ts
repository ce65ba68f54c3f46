import type { SchemaFormats } from './generated/validators.js';

// RFC 3339 date-time, judged exactly as the spec validator (ajv-formats, `format: date-time`, full mode)
// judges it, so the client never accepts what the spec rejects or the other way round. Pure functions, no
// state: the validators' format judges a date-time, and `validDateTimeInstant` gives the instant of one it
// accepted (the transformer in `devices.ts`).

const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(?:z|([+-])(\d\d)(?::?(\d\d))?)$/i;
const SEPARATOR = /t|\s/i;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The reference's own shape (`2025-09-15T06:14:48.630Z`), its field ranges in one regex (the common case, judged
 * without parsing). Days 29-31 go through the general parser for the month's length.
 */
const CANONICAL = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/** Two decimal digits of `text` at `at`. */
function two(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;
}

/**
 * The instant of a valid date-time laid out as `yyyy-MM-dd?HH:mm:ss.SSS` + `Z` (any separator, `z` too), by
 * calendar arithmetic (days from the civil date; exact for every year 0000-9999, where `Date.UTC` maps 0-99 to
 * the 1900s), several times cheaper than `Date.parse`. A leap second rolls into the next minute, as `Date` does.
 */
function utcLayoutInstant(text: string): number {
  const month = two(text, 5);
  const year = two(text, 0) * 100 + two(text, 2) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + two(text, 8) - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  const days = era * 146_097 + dayOfEra - 719_468;
  const minutes = (days * 24 + two(text, 11)) * 60 + two(text, 14);
  return minutes * 60_000 + two(text, 17) * 1000 + two(text, 20) * 10 + text.charCodeAt(22) - 48;
}

/** Milliseconds since the epoch for an RFC 3339 date-time, or NaN when the spec would reject it. */
export function parseDateTime(text: string): number {
  return CANONICAL.test(text) ? utcLayoutInstant(text) : parseAnyDateTime(text);
}

/**
 * The instant of a date-time the spec's validator has accepted: the 24-character UTC layout by arithmetic (after
 * validation, length 24 and a final `Z` can only be that layout), every other form by the general parser.
 */
export function validDateTimeInstant(text: string): number {
  const last = text.charCodeAt(23);
  return text.length === 24 && (last === 90 || last === 122) ? utcLayoutInstant(text) : parseAnyDateTime(text);
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
  'date-time': { validate: (text: string) => CANONICAL.test(text) || !Number.isNaN(parseAnyDateTime(text)) },
  int32: { validate: (value: number) => Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX },
};
