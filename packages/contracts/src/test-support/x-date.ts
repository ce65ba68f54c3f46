import { expect } from 'vitest';
import { X_DATE_PATTERN } from '../matchers.js';
import type { SeenRequest } from './bad-provider.js';

/** An `X-Date` (`yyyyMMdd'T'HHmmss'Z'`, UTC) as epoch milliseconds; throws on anything else. */
export function xDateToMs(value: string): number {
  if (!new RegExp(X_DATE_PATTERN).test(value)) throw new TypeError(`Not an X-Date: ${JSON.stringify(value)}`);
  const [y, mo, d, h, mi, s] = [0, 4, 6, 9, 11, 13].map((start, index) =>
    value.slice(start, start + (index === 0 ? 4 : 2)),
  );
  return Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
}

/**
 * Every request's X-Date was signed while the verification ran (from `startedMs`, less `margin` and the second
 * X-Date cannot carry, up to now less `margin`), in UTC. Bound by the run's own start, not by a number of
 * seconds, so a slow machine gives the same verdict.
 */
export function expectCurrentXDates(requests: readonly SeenRequest[], startedMs: number, margin = 0): void {
  const now = Date.now();
  expect(requests).toHaveLength(3);
  for (const request of requests) {
    expect(request.xDate).toMatch(new RegExp(X_DATE_PATTERN));
    const signed = xDateToMs(request.xDate as string);
    expect(signed, `X-Date ${request.xDate}`).toBeLessThanOrEqual(now - margin);
    expect(signed, `X-Date ${request.xDate}`).toBeGreaterThanOrEqual(startedMs - margin - 1000);
  }
}
