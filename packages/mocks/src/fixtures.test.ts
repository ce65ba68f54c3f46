import {
  createSpecValidator,
  findOperation,
  loadSpecDocument,
  type ResponseObject,
  resolveRef,
} from '@koodrive-device/spec';
import { describe, expect, it } from 'vitest';
import {
  createManyDevicesAccount,
  defaultAccounts,
  demoAccount,
  emptyAccount,
  MAX_MANY_DEVICES,
  referenceDevices,
} from './fixtures.js';

const validator = createSpecValidator();
const validDevice = validator.schemaValidator('BoundDeviceEntity');

describe('referenceDevices', () => {
  it("deep-equal the spec's 200 example data", () => {
    const document = loadSpecDocument();
    const { operation } = findOperation(document, 'listBoundDevices');
    const ok = resolveRef<ResponseObject>(document, operation.responses['200'] ?? { $ref: '#/missing' });
    const example = (ok.content?.['application/json'] as { examples?: Record<string, { value: { data: unknown } }> })
      .examples?.reference?.value;
    expect(example).toBeDefined();
    expect(referenceDevices).toEqual(example?.data);
  });

  it('belong to the demo account, token demo-token, user demo-user', () => {
    expect(demoAccount).toEqual({ accessToken: 'demo-token', userId: 'demo-user', devices: referenceDevices });
  });
});

describe('emptyAccount', () => {
  it('has no devices', () => {
    expect(emptyAccount).toEqual({ accessToken: 'empty-token', userId: 'empty-user', devices: [] });
  });
});

describe('createManyDevicesAccount', () => {
  it('builds the same devices for the same count', () => {
    expect(createManyDevicesAccount(300)).toEqual(createManyDevicesAccount(300));
  });

  it('keeps device i the same whatever the count', () => {
    expect(createManyDevicesAccount(1000).devices.slice(0, 50)).toEqual(createManyDevicesAccount(50).devices);
  });

  it('uses unique 19-digit IDs above 2^53 that collide as JS numbers', () => {
    const { devices } = createManyDevicesAccount(2000);
    const ids = devices.map((device) => device.deviceId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^\d{19}$/);
      expect(BigInt(id) > 2n ** 53n).toBe(true);
    }
    // The trap for clients that parse IDs as numbers: neighbours become equal.
    expect(new Set(ids.map(Number)).size).toBeLessThan(ids.length);
  });

  it('includes non-ASCII device names', () => {
    const names = createManyDevicesAccount(100).devices.map((device) => device.deviceName);
    expect(names.some((name) => /[^\x20-\x7e]/.test(name))).toBe(true);
    expect(names.some((name) => /^[\x20-\x7e]+$/.test(name))).toBe(true);
  });

  it('builds devices valid against the spec schema BoundDeviceEntity', () => {
    for (const device of createManyDevicesAccount(500).devices) expect(validDevice(device)).toEqual({ valid: true });
  });

  it('builds 100 000 devices with strictly increasing creation times', () => {
    const { devices } = createManyDevicesAccount(100_000);
    expect(devices).toHaveLength(100_000);
    let outOfOrder = 0;
    for (let i = 1; i < devices.length; i++) {
      if ((devices[i]?.createTime ?? '') <= (devices[i - 1]?.createTime ?? '')) outOfOrder++;
    }
    expect(outOfOrder).toBe(0);
    expect(devices.at(-1)?.deviceId).toBe('1900000000000099999');
  });

  it('uses many-token / many-user unless overridden', () => {
    expect(createManyDevicesAccount(1)).toMatchObject({ accessToken: 'many-token', userId: 'many-user' });
    expect(createManyDevicesAccount(1, { accessToken: 'big-token', userId: 'big-user' })).toMatchObject({
      accessToken: 'big-token',
      userId: 'big-user',
    });
  });

  it.each([-1, 1.5, Number.NaN, MAX_MANY_DEVICES + 1])('rejects count %d with a RangeError', (count) => {
    expect(() => createManyDevicesAccount(count)).toThrow(RangeError);
  });
});

describe('defaultAccounts', () => {
  it('are demo, empty and many with 250 devices', () => {
    expect(defaultAccounts.map((account) => [account.accessToken, account.userId, account.devices.length])).toEqual([
      ['demo-token', 'demo-user', 2],
      ['empty-token', 'empty-user', 0],
      ['many-token', 'many-user', 250],
    ]);
  });
});
