import { X_DATE_PATTERN } from '../matchers.js';

/** An `X-Date` (`yyyyMMdd'T'HHmmss'Z'`, UTC) as epoch milliseconds; throws on anything else. */
export function xDateToMs(value: string): number {
  if (!new RegExp(X_DATE_PATTERN).test(value)) throw new TypeError(`Not an X-Date: ${JSON.stringify(value)}`);
  const [y, mo, d, h, mi, s] = [0, 4, 6, 9, 11, 13].map((start, index) =>
    value.slice(start, start + (index === 0 ? 4 : 2)),
  );
  return Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
}
