// A CommonJS consumer, typechecked: TypeScript >= 5.8 with module nodenext types require() of ESM.
import client = require('@koodrive-device/client');
import mocks = require('@koodrive-device/mocks');

const devicesPath: string = mocks.KOODRIVE_DEVICES_PATH;
function isKooDriveError(error: unknown): error is InstanceType<typeof client.KooDriveError> {
  return error instanceof client.KooDriveError;
}
export = { devicesPath, isKooDriveError };
