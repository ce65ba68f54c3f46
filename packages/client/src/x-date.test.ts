import { createSpecValidator } from '@koodrive-device/spec';
import { describe, expect, it } from 'vitest';
import { formatXDate, parseXDate } from './index.js';

describe('formatXDate', () => {
  it("formats the reference's example time as 20251103T070140Z", () => {
    expect(formatXDate(new Date('2025-11-03T07:01:40.999Z'))).toBe('20251103T070140Z');
  });

  it('uses UTC and pads every field', () => {
    expect(formatXDate(new Date('0987-01-02T03:04:05.000Z'))).toBe('09870102T030405Z');
    expect(formatXDate(new Date('2025-12-31T23:59:59.999+01:00'))).toBe('20251231T225959Z');
  });

  it("matches the spec's X-Date pattern", () => {
    const validator = createSpecValidator();
    const headers = { authorization: 'Bearer t', 'x-user-id': 'u', 'x-date': formatXDate(new Date()) };
    expect(validator.validateRequestHeaders(headers)).toEqual({ valid: true });
  });

  it('throws a RangeError for an invalid Date or a year it cannot write in four digits', () => {
    expect(() => formatXDate(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => formatXDate(new Date('+010000-01-01T00:00:00Z'))).toThrow(RangeError);
  });
});

describe('parseXDate', () => {
  it('reads what formatXDate writes, to the second', () => {
    for (const ms of [0, 1_757_916_888_000, 253_402_300_799_000]) {
      expect(parseXDate(formatXDate(new Date(ms)))).toEqual({ ok: true, epochMs: ms });
    }
  });

  it('tells a wrong shape from a time that does not exist', () => {
    expect(parseXDate('2025-11-03T07:01:40Z')).toEqual({ ok: false, reason: 'format' });
    expect(parseXDate('20250229T000000Z')).toEqual({ ok: false, reason: 'calendar' });
    expect(parseXDate('20251103T240000Z')).toEqual({ ok: false, reason: 'calendar' });
  });
});
