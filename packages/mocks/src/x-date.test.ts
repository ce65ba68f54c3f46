import { describe, expect, it } from 'vitest';
import { formatXDate, parseXDate } from './x-date.js';

describe('formatXDate', () => {
  it("formats a time as yyyyMMdd'T'HHmmss'Z' in UTC, dropping milliseconds", () => {
    expect(formatXDate(new Date('2025-11-03T07:01:40.999Z'))).toBe('20251103T070140Z');
  });

  it('pads years, months and times with zeros', () => {
    expect(formatXDate(new Date('0999-01-02T03:04:05Z'))).toBe('09990102T030405Z');
  });

  it('throws a RangeError for an invalid date', () => {
    expect(() => formatXDate(new Date(Number.NaN))).toThrow(RangeError);
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
    '2025-11-03T07:01:40Z',
    '20251103T070140',
    '20251103T070140z',
    '20251103 070140Z',
    '2025113T070140Z',
    '20251103T070140.000Z',
    ' 20251103T070140Z',
    '٢٠٢٥١١٠٣T070140Z',
    '',
  ])('rejects %j as not the format', (value) => {
    expect(parseXDate(value)).toEqual({ ok: false, reason: 'format' });
  });

  it.each([
    '20251303T070140Z',
    '20251100T070140Z',
    '20250431T070140Z',
    '20250229T070140Z',
    '20251103T240000Z',
    '20251103T076000Z',
    '20251103T070160Z',
  ])('rejects %j as no real calendar time', (value) => {
    expect(parseXDate(value)).toEqual({ ok: false, reason: 'calendar' });
  });
});
