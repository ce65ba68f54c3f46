import { createServer } from 'node:http';
import { LIST_BOUND_DEVICES_PATH } from '../matchers.js';
import type { ProviderStateCredentials } from '../provider/states-file.js';
import { providerStates } from '../states.js';
import { listenOnLoopback, type SeenRequest, seenRequest } from './loopback-server.js';

export type { SeenRequest } from './loopback-server.js';

/** The bad provider's accounts: one with devices, one without; any other token is answered 401. */
export const badProviderCredentials: ProviderStateCredentials = new Map([
  [providerStates.boundDevices, { accessToken: 'bad-provider-devices', userId: 'user-with-devices' }],
  [providerStates.noBoundDevices, { accessToken: 'bad-provider-empty', userId: 'user-without-devices' }],
  [providerStates.invalidAccessToken, { accessToken: 'bad-provider-unknown', userId: 'user-with-devices' }],
]);

/** The bad provider's answer for the account with devices: `deviceId` written as a JSON number. */
export const NUMERIC_DEVICE_ID_BODY =
  '{"code":0,"msg":"success","data":[{"deviceId":1775406005920779393,"machineCode":"20250911","deviceName":"Magic v3","deviceOS":"android","createTime":"2025-09-15T06:14:48.630Z"}]}';

/**
 * A provider that gets everything right except one thing: it serialises `deviceId` as a JSON number (what a
 * backend storing IDs as 64-bit integers would do). `devicesBody` replaces the raw JSON answered for the account
 * with devices (default {@link NUMERIC_DEVICE_ID_BODY}). It records every request's signing headers and does not
 * check X-Date. Loopback, random port.
 */
export async function startBadProvider(
  options: { devicesBody?: string } = {},
): Promise<{ url: string; requests: SeenRequest[]; close(): Promise<void> }> {
  const devicesBody = options.devicesBody ?? NUMERIC_DEVICE_ID_BODY;
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    requests.push(seenRequest(req));
    const json = (status: number, body: string) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(body);
    };
    if (req.method !== 'GET' || req.url !== LIST_BOUND_DEVICES_PATH)
      return json(404, '{"code":404001,"msg":"Not found"}');
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    if (token === 'bad-provider-devices') {
      // Raw JSON text: by default the 19-digit ID is written as a number, as a careless serialiser would.
      return json(200, devicesBody);
    }
    if (token === 'bad-provider-empty') return json(200, '{"code":0,"msg":"success","data":[]}');
    return json(401, '{"code":401001,"msg":"The access token is missing, unknown or expired"}');
  });
  return { ...(await listenOnLoopback(server)), requests };
}
