import type { BoundDevice } from '@koodrive-device/client';

/** "1 device", "2 devices". */
export function deviceCount(count: number): string {
  return `${count} ${count === 1 ? 'device' : 'devices'}`;
}

/** The bound date in the reader's locale and time zone, e.g. "15 Sept 2025, 08:14". */
export function formatLocalDateTime(date: Date, locale?: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(date);
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30.4375 * DAY;
const YEAR = 365.25 * DAY;

/** "3 months ago", "yesterday", "in 2 hours" (a clock a little ahead of the server's gives small future times). */
export function formatRelative(date: Date, now: Date, locale?: string): string {
  // "auto" gives "yesterday" and "now"; years stay numeric ("1 year ago", not the calendar-sounding "last year").
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const diff = date.getTime() - now.getTime();
  const abs = Math.abs(diff);
  if (abs < MINUTE) return format.format(0, 'second');
  if (abs < HOUR) return format.format(Math.round(diff / MINUTE), 'minute');
  if (abs < DAY) return format.format(Math.round(diff / HOUR), 'hour');
  if (abs < MONTH) return format.format(Math.round(diff / DAY), 'day');
  if (abs < YEAR) return format.format(Math.round(diff / MONTH), 'month');
  return new Intl.RelativeTimeFormat(locale, { numeric: 'always' }).format(Math.round(diff / YEAR), 'year');
}

export interface OsInfo {
  /** A recognisable product name: "Android", "HarmonyOS", "iOS"… or the server's value as sent. */
  label: string;
  /** Which icon to draw. */
  family: 'android' | 'harmony' | 'apple' | 'windows' | 'linux' | 'other';
}

const OS_NAMES: Record<string, OsInfo> = {
  android: { label: 'Android', family: 'android' },
  harmonyos: { label: 'HarmonyOS', family: 'harmony' },
  harmony: { label: 'HarmonyOS', family: 'harmony' },
  magicos: { label: 'MagicOS', family: 'android' },
  ios: { label: 'iOS', family: 'apple' },
  ipados: { label: 'iPadOS', family: 'apple' },
  macos: { label: 'macOS', family: 'apple' },
  windows: { label: 'Windows', family: 'windows' },
  linux: { label: 'Linux', family: 'linux' },
};

/** Maps `deviceOS` (free text on the wire, `android` in the reference) to a label and an icon family. */
export function osInfo(deviceOS: string): OsInfo {
  const key = deviceOS
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
  const known = OS_NAMES[key];
  if (known !== undefined) return known;
  const label = deviceOS.trim();
  return { label: label === '' ? 'Unknown' : label, family: 'other' };
}

export type SortKey = 'name' | 'boundAt';
export type SortDirection = 'ascending' | 'descending';
export interface SortOrder {
  key: SortKey;
  direction: SortDirection;
}

const nameCollator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** A sorted copy. Ties (same name, same time) keep a stable order by device ID. */
export function sortDevices(devices: readonly BoundDevice[], order: SortOrder): BoundDevice[] {
  const sign = order.direction === 'ascending' ? 1 : -1;
  const byId = (a: BoundDevice, b: BoundDevice) =>
    a.deviceId.length - b.deviceId.length || (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0);
  const compare =
    order.key === 'name'
      ? (a: BoundDevice, b: BoundDevice) => nameCollator.compare(a.deviceName, b.deviceName)
      : (a: BoundDevice, b: BoundDevice) => a.createTime.getTime() - b.createTime.getTime();
  return [...devices].sort((a, b) => sign * compare(a, b) || byId(a, b));
}
