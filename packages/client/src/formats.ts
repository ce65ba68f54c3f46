import type { SchemaFormats } from './generated/validators.js';

// RFC 3339 date-time, judged exactly as the spec validator (ajv-formats, `format: date-time`, full mode)
// judges it, so the client never accepts what the spec rejects or the other way round.

const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(?:z|([+-])(\d\d)(?::?(\d\d))?)$/i;
const SEPARATOR = /t|\s/i;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The common case, the reference's own shape (`2025-09-15T06:14:48.630Z`), checked by one regex with
 * the field ranges in it. Days 29-31 still go through {@link parseDateTime} for the month's length.
 */
const CANONICAL = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/** True when `new Date(text)` gives the right time and no further check is needed. */
export function isCanonicalDateTime(text: string): boolean {
  return CANONICAL.test(text);
}

/** Milliseconds since the epoch for an RFC 3339 date-time, or NaN when the spec would reject it. */
export function parseDateTime(text: string): number {
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

let nonCanonicalDateTimes = 0;

/**
 * How many valid date-times not in the canonical `2025-09-15T06:14:48.630Z` shape the validators have seen. The
 * generated models read date-times with `new Date(text)`, which is right for that shape only; when this count
 * moved during a validation, {@link reviveDates} gives the other RFC 3339 shapes their exact instant.
 */
export function nonCanonicalDateTimeCount(): number {
  return nonCanonicalDateTimes;
}

/**
 * Gives every `Date` the generated model built from a JSON string the instant RFC 3339 says that string denotes
 * (`new Date` misreads lower-case `t`/`z`, a space separator, `-0330` offsets and leap seconds). Walks the model
 * and its JSON source side by side, so it needs no list of date fields.
 */
export function reviveDates(model: unknown, source: unknown): void {
  if (typeof model !== 'object' || model === null || typeof source !== 'object' || source === null) return;
  const target = model as Record<string, unknown>;
  const from = source as Record<string, unknown>;
  for (const key of Object.keys(target)) {
    const value = target[key];
    const text = from[key];
    if (value instanceof Date) {
      if (typeof text === 'string' && !isCanonicalDateTime(text)) target[key] = new Date(parseDateTime(text));
    } else {
      reviveDates(value, text);
    }
  }
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * The formats the spec uses, in the shape ajv-formats defines them, for the generated validators
 * (`src/generated/validators.ts` names them; `npm run generate` fails on a format missing here).
 */
export const formats: SchemaFormats = {
  'date-time': {
    validate(text: string): boolean {
      if (isCanonicalDateTime(text)) return true;
      if (Number.isNaN(parseDateTime(text))) return false;
      nonCanonicalDateTimes++;
      return true;
    },
  },
  int32: { validate: (value: number) => Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX },
};
