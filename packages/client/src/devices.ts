import { KooDriveError, redact } from './errors.js';
import { validDateTimeInstant } from './formats.js';
import { BoundDeviceEntityFromJSON, ListBoundDevicesResponseFromJSON } from './generated/index.js';
import type { BoundDevice } from './model.js';
import { describeSchemaError, validators } from './validation.js';

export function invalidResponse(status: number, field: string, problem: string, cause?: unknown): KooDriveError {
  return new KooDriveError('invalid-response', `Invalid response from KooDrive: ${field} ${problem}`, {
    status,
    field,
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * The device fields the generated model turns into a `Date`, found by asking the model itself (its `FromJSON`
 * of an empty object), so nothing hand-written names them: a date-time field the spec gains is converted too.
 */
const DATE_FIELDS: readonly string[] = Object.entries(BoundDeviceEntityFromJSON({}))
  .filter(([, value]) => value instanceof Date)
  .map(([key]) => key);

/**
 * The one date transformer: every date-time string of the (validated) devices becomes the instant RFC 3339 says
 * it denotes, in place, before the generated `FromJSON` makes it a `Date`: `new Date(instant)` is exact for every
 * shape (lower-case `t`/`z`, a space, `-0330` offsets, leap seconds), where `new Date(text)` is not, and cheaper.
 */
function toInstants(devices: readonly Record<string, unknown>[]): void {
  for (const device of devices) {
    for (const field of DATE_FIELDS) device[field] = validDateTimeInstant(device[field] as string);
  }
}

/**
 * The devices of a parsed 2xx body, read the way the spec describes it (the body itself is this call's own: its
 * date-time strings are replaced by their instants):
 * 1. a `{code, msg}` envelope whose `code` is not 0 is an `api` error, whatever `data` holds (`token` is
 *    redacted from its `msg`);
 * 2. everything else must satisfy the spec's `ListBoundDevicesResponse` (the generated validator), else
 *    `invalid-response` naming the first wrong field; `data` must be there when `code` is 0;
 * 3. dates to instants, then the generated model's own conversion gives the devices (exactly the spec's fields,
 *    `createTime` a Date).
 */
export function devicesFromJson(body: unknown, status: number, token: string | undefined): BoundDevice[] {
  if (validators.ErrorEnvelope(body) && (body as { code: number }).code !== 0) {
    const { code, msg } = body as { code: number; msg: string };
    const clean = redact(msg, token);
    throw new KooDriveError('api', `KooDrive answered code ${code}: ${clean}`, { status, code, msg: clean });
  }
  if (!validators.ListBoundDevicesResponse(body)) {
    const { field, problem } = describeSchemaError(validators.ListBoundDevicesResponse.errors?.[0], body);
    throw invalidResponse(status, field, problem);
  }
  const json = body as { data?: Record<string, unknown>[] | null };
  if (json.data == null) throw invalidResponse(status, 'data', 'is missing (the spec: present whenever code is 0)');
  toInstants(json.data);
  return ListBoundDevicesResponseFromJSON(json).data as BoundDevice[];
}
