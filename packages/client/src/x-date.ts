/**
 * Formats a time as KooDrive's `X-Date`: `yyyyMMdd'T'HHmmss'Z'` in UTC, milliseconds dropped
 * (the reference's `yyyMMdd` is a typo; its example has a four-digit year).
 * Throws a RangeError for an invalid Date or a year outside 0000-9999.
 */
export function formatXDate(date: Date): string {
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) throw new RangeError('formatXDate needs a valid Date with a year in 0000-9999');
  // `yyyy-MM-ddTHH:mm:ss.sssZ` for every year 0000-9999: its first 19 characters without `-` and `:`.
  return `${date.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

const X_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** What {@link parseXDate} makes of a value. */
export type ParsedXDate = { ok: true; epochMs: number } | { ok: false; reason: 'format' | 'calendar' };

/**
 * Parses an `X-Date`. `format`: not `yyyyMMdd'T'HHmmss'Z'` (the spec's pattern `^\d{8}T\d{6}Z$`);
 * `calendar`: the right shape but no such UTC time (month 13, 31 April, 29 February of a common year,
 * hour 24, second 60 — leap seconds are not representable in UTC epoch time).
 */
export function parseXDate(value: string): ParsedXDate {
  const match = X_DATE.exec(value);
  if (match === null) return { ok: false, reason: 'format' };
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const roundTrips =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return roundTrips ? { ok: true, epochMs: date.getTime() } : { ok: false, reason: 'calendar' };
}
