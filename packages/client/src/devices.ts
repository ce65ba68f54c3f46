import { parseJson } from './body.js';
import { KooDriveError, redact } from './errors.js';
import { nonCanonicalDateTimeCount, reviveDates } from './formats.js';
import { ListBoundDevicesResponseFromJSON } from './generated/index.js';
import type { BoundDevice } from './model.js';
import { type AttemptState, readBody } from './transport.js';
import { describeSchemaError, validators } from './validation.js';

function invalid(status: number, field: string, problem: string, cause?: unknown): KooDriveError {
  return new KooDriveError('invalid-response', `Invalid response from KooDrive: ${field} ${problem}`, {
    status,
    field,
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * The devices of a 2xx answer, read the way the spec describes it:
 * 1. the body, bounded by `maxResponseBytes` (past it: `invalid-response`, field `body`);
 * 2. JSON (else `invalid-response`, field `body`; the cause says where parsing stopped, never what it read);
 * 3. a `{code, msg}` envelope whose `code` is not 0 is an `api` error, whatever `data` holds;
 * 4. everything else must satisfy the spec's `ListBoundDevicesResponse` (the generated validator), else
 *    `invalid-response` naming the first wrong field; `data` must be there when `code` is 0;
 * 5. the generated model's own conversion gives the devices (exactly the spec's fields, `createTime` a Date).
 */
export async function readDevices(
  response: Response,
  state: AttemptState,
  maxResponseBytes: number,
): Promise<BoundDevice[]> {
  const { status } = response;
  const text = await readBody(response, state, maxResponseBytes);
  let body: unknown;
  try {
    body = parseJson(text);
  } catch (error) {
    throw invalid(status, 'body', 'is not valid JSON', error);
  }
  return devicesFromJson(body, status, state.token);
}

/** Steps 3-5 of {@link readDevices}, on a parsed body. `token` is redacted from an `api` error's `msg`. */
export function devicesFromJson(body: unknown, status: number, token: string | undefined): BoundDevice[] {
  if (validators.ErrorEnvelope(body) && (body as { code: number }).code !== 0) {
    const { code, msg } = body as { code: number; msg: string };
    const clean = redact(msg, token);
    throw new KooDriveError('api', `KooDrive answered code ${code}: ${clean}`, { status, code, msg: clean });
  }
  const dateTimesBefore = nonCanonicalDateTimeCount();
  if (!validators.ListBoundDevicesResponse(body)) {
    const { field, problem } = describeSchemaError(validators.ListBoundDevicesResponse.errors?.[0], body);
    throw invalid(status, field, problem);
  }
  const { data } = ListBoundDevicesResponseFromJSON(body);
  if (nonCanonicalDateTimeCount() !== dateTimesBefore) reviveDates(data, (body as { data: unknown }).data);
  if (data == null) throw invalid(status, 'data', 'is missing (the spec: present whenever code is 0)');
  return data;
}
