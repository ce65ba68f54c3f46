function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * Formats a time as KooDrive's `X-Date`: `yyyyMMdd'T'HHmmss'Z'` in UTC, milliseconds dropped
 * (the reference's `yyyMMdd` is a typo; its example has a four-digit year).
 * Throws a RangeError for an invalid Date or a year outside 0000-9999.
 */
export function formatXDate(date: Date): string {
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) throw new RangeError('formatXDate needs a valid Date with a year in 0000-9999');
  return `${pad(year, 4)}${pad(date.getUTCMonth() + 1, 2)}${pad(date.getUTCDate(), 2)}T${pad(date.getUTCHours(), 2)}${pad(
    date.getUTCMinutes(),
    2,
  )}${pad(date.getUTCSeconds(), 2)}Z`;
}
