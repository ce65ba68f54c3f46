import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formats, parseDateTime, validDateTimeInstant } from './formats.js';

const YEAR_0000 = Date.UTC(2000, 0, 1) - 2000 * 365.2425 * 86_400_000;
const YEAR_9999_END = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

describe('the date transformer', () => {
  it('gives the exact instant of every canonical date-time, years 0000 to 9999 (Date.UTC would misread 0-99)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Math.ceil(YEAR_0000), max: YEAR_9999_END }), (epochMs) => {
        const text = new Date(epochMs).toISOString();
        expect(formats['date-time'].validate(text)).toBe(true);
        expect(validDateTimeInstant(text)).toBe(epochMs);
        expect(parseDateTime(text)).toBe(epochMs);
        for (const variant of [text.replace('T', 't').replace('Z', 'z'), text.replace('T', ' ')]) {
          expect(validDateTimeInstant(variant)).toBe(epochMs);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('rolls a leap second into the next minute, as the general parser does', () => {
    const text = '2016-12-31T23:59:60.000Z';
    expect(validDateTimeInstant(text)).toBe(Date.UTC(2017, 0, 1));
    expect(parseDateTime(text)).toBe(Date.UTC(2017, 0, 1));
  });
});
