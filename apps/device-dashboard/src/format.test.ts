import type { BoundDevice } from '@koodrive-device/client';
import { describe, expect, it } from 'vitest';
import { deviceCount, formatLocalDateTime, formatRelative, osInfo, sortDevices } from './format.js';

const now = new Date('2025-12-20T06:00:00.000Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const DAY = 86_400_000;

function device(deviceName: string, createTime: string, deviceId: string): BoundDevice {
  return { deviceId, machineCode: '20250911', deviceName, deviceOS: 'android', createTime: new Date(createTime) };
}

describe('deviceCount', () => {
  it('says "1 device" and "2 devices"', () => {
    expect(deviceCount(1)).toBe('1 device');
    expect(deviceCount(2)).toBe('2 devices');
    expect(deviceCount(0)).toBe('0 devices');
  });
});

describe('formatRelative', () => {
  it('picks the largest unit that fits, in words', () => {
    expect(formatRelative(ago(20_000), now, 'en-US')).toBe('now');
    expect(formatRelative(ago(5 * 60_000), now, 'en-US')).toBe('5 minutes ago');
    expect(formatRelative(ago(3 * 3_600_000), now, 'en-US')).toBe('3 hours ago');
    expect(formatRelative(ago(DAY), now, 'en-US')).toBe('yesterday');
    expect(formatRelative(ago(96 * DAY), now, 'en-US')).toBe('3 months ago');
    expect(formatRelative(ago(400 * DAY), now, 'en-US')).toBe('1 year ago');
    expect(formatRelative(ago(800 * DAY), now, 'en-US')).toBe('2 years ago');
  });

  it('words a time slightly in the future (a client clock behind the server) as future', () => {
    expect(formatRelative(new Date(now.getTime() + 2 * 3_600_000), now, 'en-US')).toBe('in 2 hours');
  });
});

describe('formatLocalDateTime', () => {
  it('formats in the given locale and time zone', () => {
    const time = new Date('2025-09-15T06:14:48.630Z');
    expect(formatLocalDateTime(time, 'en-US', 'UTC')).toBe('Sep 15, 2025, 6:14 AM');
    expect(formatLocalDateTime(time, 'en-GB', 'Asia/Shanghai')).toBe('15 Sept 2025, 14:14');
  });
});

describe('osInfo', () => {
  it('gives recognisable names to known systems, whatever their spelling', () => {
    expect(osInfo('android')).toEqual({ label: 'Android', family: 'android' });
    expect(osInfo('HarmonyOS')).toEqual({ label: 'HarmonyOS', family: 'harmony' });
    expect(osInfo('Harmony OS')).toEqual({ label: 'HarmonyOS', family: 'harmony' });
    expect(osInfo('iOS')).toEqual({ label: 'iOS', family: 'apple' });
  });

  it('shows an unknown system as sent, and an empty one as Unknown', () => {
    expect(osInfo('KaiOS')).toEqual({ label: 'KaiOS', family: 'other' });
    expect(osInfo(' ')).toEqual({ label: 'Unknown', family: 'other' });
  });
});

describe('sortDevices', () => {
  const devices = [
    device('magic 10', '2025-03-01T00:00:00.000Z', '1000000000000000003'),
    device('Magic 9', '2025-01-01T00:00:00.000Z', '1000000000000000001'),
    device('Magic 9', '2025-02-01T00:00:00.000Z', '999'),
  ];

  it('sorts names naturally and case-insensitively, ties by device ID', () => {
    const names = sortDevices(devices, { key: 'name', direction: 'ascending' }).map((d) => d.deviceId);
    expect(names).toEqual(['999', '1000000000000000001', '1000000000000000003']);
  });

  it('sorts by bound date both ways without changing the input', () => {
    const newest = sortDevices(devices, { key: 'boundAt', direction: 'descending' }).map((d) => d.deviceId);
    expect(newest).toEqual(['1000000000000000003', '999', '1000000000000000001']);
    const oldest = sortDevices(devices, { key: 'boundAt', direction: 'ascending' }).map((d) => d.deviceId);
    expect(oldest).toEqual(['1000000000000000001', '999', '1000000000000000003']);
    expect(devices[0]?.deviceName).toBe('magic 10');
  });
});
