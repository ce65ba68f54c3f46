import { isCanonicalDateTime, parseDateTime } from './date-time.js';
import { KooDriveError } from './errors.js';

/** A device bound to the user, as `listBoundDevices` returns it. */
export interface BoundDevice {
  /** Decimal digits, kept as the exact string the server sent (the IDs are larger than 2^53). */
  readonly deviceId: string;
  readonly machineCode: string;
  readonly deviceName: string;
  readonly deviceOS: string;
  /** The creation time. Built on first read and cached (see the README: it lives on the prototype). */
  readonly createTime: Date;
}

/** The device as JSON, in the server's shape (`createTime` an ISO string): what `JSON.stringify` gives. */
export interface BoundDeviceJson {
  deviceId: string;
  machineCode: string;
  deviceName: string;
  deviceOS: string;
  createTime: string;
}

/**
 * The fields the validator checks, as `field: JSON type`. Used to word errors, and tied to the spec's
 * `BoundDeviceEntity` / `ListBoundDevicesResponse` by a test, so the hand-written checks cannot drift.
 */
export const deviceFieldTypes = {
  deviceId: 'string',
  machineCode: 'string',
  deviceName: 'string',
  deviceOS: 'string',
  createTime: 'string',
} as const;
export const envelopeFieldTypes = { code: 'integer', msg: 'string' } as const;

class Device implements BoundDevice {
  // `declare`: no class-field definitions are emitted, the constructor's plain assignments create the
  // fields (define semantics cost about 5% at 100k devices).
  declare readonly deviceId: string;
  declare readonly machineCode: string;
  declare readonly deviceName: string;
  declare readonly deviceOS: string;
  // One private slot: the createTime text (or epoch ms) until first read, then the Date. Private, so it is
  // invisible to Object.keys, spread, JSON.stringify and util.inspect's own-property listing.
  #time: string | number | Date;

  constructor(deviceId: string, machineCode: string, deviceName: string, deviceOS: string, time: string | number) {
    this.deviceId = deviceId;
    this.machineCode = machineCode;
    this.deviceName = deviceName;
    this.deviceOS = deviceOS;
    this.#time = time;
  }

  get createTime(): Date {
    const time = this.#time;
    if (typeof time === 'object') return time;
    const date = new Date(time);
    this.#time = date;
    return date;
  }

  toJSON(): BoundDeviceJson {
    return {
      deviceId: this.deviceId,
      machineCode: this.machineCode,
      deviceName: this.deviceName,
      deviceOS: this.deviceOS,
      createTime: this.createTime.toISOString(),
    };
  }
}

const DIGITS = /^[0-9]+$/;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function invalid(field: string, problem: string): KooDriveError {
  return new KooDriveError('invalid-response', `Invalid response from KooDrive: ${field} ${problem}`, {
    status: 200,
    field,
  });
}

/** Finds and words what is wrong with `data[index]` (slow path: only runs once a device failed the fast check). */
function deviceProblem(item: unknown, index: number): KooDriveError {
  const path = `data[${index}]`;
  if (typeOf(item) !== 'object') return invalid(path, `must be an object (got ${typeOf(item)})`);
  const record = item as Record<string, unknown>;
  for (const field of Object.keys(deviceFieldTypes) as (keyof typeof deviceFieldTypes)[]) {
    const value = record[field];
    if (!(field in record)) return invalid(`${path}.${field}`, 'is missing');
    if (typeof value !== deviceFieldTypes[field]) {
      return invalid(`${path}.${field}`, `must be a ${deviceFieldTypes[field]} (got ${typeOf(value)})`);
    }
  }
  if (!DIGITS.test(record.deviceId as string)) return invalid(`${path}.deviceId`, 'must be decimal digits');
  return invalid(`${path}.createTime`, 'must be an RFC 3339 date-time');
}

/** The body's envelope, once its types are known to be right. */
export type Envelope = { code: number; msg: string; devices: BoundDevice[] | undefined };

/**
 * Checks a parsed 200 body against the spec's `ListBoundDevicesResponse` in one pass and builds the
 * devices (createTime is parsed lazily, on first read). Throws an `invalid-response` KooDriveError naming
 * the first wrong field. `devices` is undefined when `data` is absent (allowed by the schema).
 */
export function readEnvelope(body: unknown): Envelope {
  if (typeOf(body) !== 'object') throw invalid('body', `must be a JSON object (got ${typeOf(body)})`);
  const { code, msg, data } = body as Record<string, unknown>;
  if (code === undefined) throw invalid('code', 'is missing');
  if (typeof code !== 'number' || !Number.isInteger(code) || code < INT32_MIN || code > INT32_MAX) {
    throw invalid('code', `must be a 32-bit integer (got ${typeOf(code)})`);
  }
  if (msg === undefined) throw invalid('msg', 'is missing');
  if (typeof msg !== 'string') throw invalid('msg', `must be a string (got ${typeOf(msg)})`);
  if (data === undefined) return { code, msg, devices: undefined };
  if (!Array.isArray(data)) throw invalid('data', `must be an array (got ${typeOf(data)})`);

  // The devices replace the parsed items in the array JSON.parse made (one allocation less per call).
  const devices = data as unknown[] as BoundDevice[];
  const count = data.length;
  for (let index = 0; index < count; index++) {
    const item = data[index] as Record<string, unknown> | null;
    if (typeof item !== 'object' || item === null) throw deviceProblem(item, index);
    const deviceId = item.deviceId;
    const machineCode = item.machineCode;
    const deviceName = item.deviceName;
    const deviceOS = item.deviceOS;
    const createTime = item.createTime;
    if (
      typeof deviceId !== 'string' ||
      typeof machineCode !== 'string' ||
      typeof deviceName !== 'string' ||
      typeof deviceOS !== 'string' ||
      typeof createTime !== 'string' ||
      !DIGITS.test(deviceId)
    ) {
      throw deviceProblem(item, index);
    }
    let time: string | number = createTime;
    if (!isCanonicalDateTime(createTime)) {
      time = parseDateTime(createTime);
      if (Number.isNaN(time)) throw deviceProblem(item, index);
    }
    devices[index] = new Device(deviceId, machineCode, deviceName, deviceOS, time);
  }
  return { code, msg, devices };
}

/** `{code, msg}` from an error body when it is the envelope, else nothing (never throws). */
export function readErrorEnvelope(text: string): { code: number; msg: string } | undefined {
  try {
    const body = JSON.parse(text) as unknown;
    if (typeOf(body) !== 'object') return undefined;
    const { code, msg } = body as Record<string, unknown>;
    return typeof code === 'number' && Number.isInteger(code) && typeof msg === 'string' ? { code, msg } : undefined;
  } catch {
    return undefined;
  }
}
