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
  it("parses the reference's example as UTC", () => {
    expect(parseXDate('20251103T070140Z')).toEqual({ ok: true, epochMs: Date.parse('2025-11-03T07:01:40Z') });
  });

  it('round-trips with formatXDate', () => {
    const date = new Date('2024-02-29T23:59:59Z');
    expect(parseXDate(formatXDate(date))).toEqual({ ok: true, epochMs: date.getTime() });
  });

  it('keeps two-digit years as years 0-99, not 1900-1999', () => {
    const parsed = parseXDate('00500101T000000Z');
    expect(parsed.ok && new Date(parsed.epochMs).getUTCFullYear()).toBe(50);
  });

  it.each([
    ['2025-11-03T07:01:40Z', 'format'],
    ['20251103T070140', 'format'],
    ['20251103T070140z', 'format'],
    ['20251103 070140Z', 'format'],
    ['2025113T070140Z', 'format'],
    ['20251103T070140.000Z', 'format'],
    [' 20251103T070140Z', 'format'],
    ['٢٠٢٥١١٠٣T070140Z', 'format'],
    ['', 'format'],
    ['20251303T070140Z', 'calendar'],
    ['20251100T070140Z', 'calendar'],
    ['20250431T070140Z', 'calendar'],
    ['20250229T070140Z', 'calendar'],
    ['20251103T240000Z', 'calendar'],
    ['20251103T076000Z', 'calendar'],
    ['20251103T070160Z', 'calendar'],
  ])('rejects %j (reason: %s)', (value, reason) => {
    expect(parseXDate(value)).toEqual({ ok: false, reason });
  });
});
