import { describe, expect, it } from 'vitest';
import { ListBoundDevicesResponseFromJSON } from './generated/index.js';

// The reference's 200 example as the server sends it: the text, not an object literal, so JSON.parse runs.
const referenceBody = `{"data":[{"deviceId":"1775406005920779393","machineCode":"20250911","deviceOS":"android",
"deviceName":"Magic v3","createTime":"2025-09-15T06:14:48.630Z"}],"code":0,"msg":"success"}`;

describe('the generated typescript-fetch models', () => {
  it('keep a 19-digit deviceId as the exact string the server sent', () => {
    const response = ListBoundDevicesResponseFromJSON(JSON.parse(referenceBody));
    expect(response.data?.[0]?.deviceId).toBe('1775406005920779393');
    expect(typeof response.data?.[0]?.deviceId).toBe('string');
  });

  it('turn createTime into a Date, as the spec says format: date-time', () => {
    const response = ListBoundDevicesResponseFromJSON(JSON.parse(referenceBody));
    expect(response.data?.[0]?.createTime.toISOString()).toBe('2025-09-15T06:14:48.630Z');
  });
});
