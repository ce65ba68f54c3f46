import type { BoundDeviceJson } from '@koodrive-device/client';

/**
 * A device as the mock serves it: the spec's `BoundDeviceEntity` in its JSON shape, derived from the client's
 * generated model (so a field the spec gains can be served, and one it loses fails this package's typecheck).
 */
export type MockDevice = BoundDeviceJson;

/** An account the mock knows: the bearer token, the user it belongs to, and that user's devices. */
export interface MockAccount {
  accessToken: string;
  userId: string;
  devices: readonly MockDevice[];
}

/** The reference page's two example devices (tied to the spec's 200 example by a test). */
export const referenceDevices: readonly MockDevice[] = Object.freeze([
  Object.freeze({
    deviceId: '1775406005920779393',
    machineCode: '20250911',
    deviceOS: 'android',
    deviceName: 'Magic v3',
    createTime: '2025-09-15T06:14:48.630Z',
  }),
  Object.freeze({
    deviceId: '1842812272691451648',
    machineCode: '20251217',
    deviceOS: 'android',
    deviceName: 'Magic-v5',
    createTime: '2025-12-17T06:19:01.803Z',
  }),
]);

/** Token `demo-token`, user `demo-user`, the reference's two devices. */
export const demoAccount: MockAccount = Object.freeze({
  accessToken: 'demo-token',
  userId: 'demo-user',
  devices: referenceDevices,
});

/** Token `empty-token`, user `empty-user`, no devices. */
export const emptyAccount: MockAccount = Object.freeze({
  accessToken: 'empty-token',
  userId: 'empty-user',
  devices: Object.freeze([]),
});

/** Upper bound of `createManyDevicesAccount` (about 200 MB of JSON would be silly for a mock). */
export const MAX_MANY_DEVICES = 1_000_000;

const DEVICE_NAMES = [
  'Magic v3',
  'Magic-v5',
  '荣耀 Magic6 Pro',
  'Émilie’s tablet',
  'Телефон Ивана',
  '📱 Pixel «test»',
  'حاسوب المكتب',
  'Ünïcødé ñame',
] as const;
const DEVICE_OS = ['android', 'harmonyos', 'android', 'ios', 'windows'] as const;
const FIRST_CREATE_TIME = Date.UTC(2024, 0, 1, 0, 0, 0, 0);
const DEVICE_ID_PREFIX = '19';

/** Mulberry32 over a seeded counter: deterministic, no other randomness source. */
function seededSequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * An account with `count` deterministic devices (same `count`, same devices; device `i` is the same for
 * every `count > i`). Device IDs have 19 digits, start at `1900000000000000000` (far above 2^53) and are
 * consecutive, so neighbours collide when parsed as a JS number: a client that does so is caught. Names
 * cycle through non-ASCII ones (CJK, Cyrillic, Arabic, emoji, accents). 100 000 devices take a few tens
 * of milliseconds.
 */
export function createManyDevicesAccount(
  count: number,
  overrides: Partial<Pick<MockAccount, 'accessToken' | 'userId'>> = {},
): MockAccount {
  if (!Number.isInteger(count) || count < 0 || count > MAX_MANY_DEVICES) {
    throw new RangeError(
      `createManyDevicesAccount: count must be an integer from 0 to ${MAX_MANY_DEVICES}, got ${count}`,
    );
  }
  const next = seededSequence(0x6b6f6f64);
  const devices: MockDevice[] = new Array(count);
  let time = FIRST_CREATE_TIME;
  for (let i = 0; i < count; i++) {
    const r = next();
    // Between 1 and about 68 minutes after the previous device, with milliseconds.
    time += 1000 + (r % 4_096_000);
    const created = new Date(time);
    const createTime = created.toISOString();
    devices[i] = {
      deviceId: DEVICE_ID_PREFIX + pad(i, 17),
      machineCode: createTime.slice(0, 4) + createTime.slice(5, 7) + createTime.slice(8, 10),
      deviceName: `${DEVICE_NAMES[r % DEVICE_NAMES.length]} #${i + 1}`,
      deviceOS: DEVICE_OS[(r >>> 8) % DEVICE_OS.length] ?? 'android',
      createTime,
    };
  }
  return Object.freeze({
    accessToken: overrides.accessToken ?? 'many-token',
    userId: overrides.userId ?? 'many-user',
    devices: Object.freeze(devices),
  });
}

/** The accounts the default handlers know: demo, empty, and many (250 devices). */
export const defaultAccounts: readonly MockAccount[] = Object.freeze([
  demoAccount,
  emptyAccount,
  createManyDevicesAccount(250),
]);
