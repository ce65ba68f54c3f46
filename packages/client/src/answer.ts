import { KooDriveError, redact } from './errors.js';
import { validDateTimeInstant } from './formats.js';
import { answerShapes } from './generated/validators.js';
import { describeSchemaError, validators } from './validation.js';

/** The names of the schemas the generated validators check answers against. */
export type AnswerSchema = keyof typeof validators;

/** How an operation's 2xx answer is read: the schema it is checked against and the model that reads it. */
export interface AnswerReading {
  /** The answer's schema; `undefined`: the operation answers no JSON body, and resolves to nothing. */
  readonly response: AnswerSchema | undefined;
  /** The generated model's `FromJSON` for that schema. */
  fromJSON?(json: unknown): unknown;
}

export function invalidResponse(status: number, field: string, problem: string, cause?: unknown): KooDriveError {
  return new KooDriveError('invalid-response', `Invalid response from KooDrive: ${field} ${problem}`, {
    status,
    field,
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * The one date transformer: every date-time string the schema places at `path` (`*`: each item of an array) becomes
 * the instant RFC 3339 says it denotes, in place, before the generated `FromJSON` makes it a `Date`: `new Date(instant)`
 * is exact for every shape (lower-case `t`/`z`, a space, `-0330` offsets, leap seconds), where `new Date(text)` is
 * not, and cheaper. The places come from the spec (generated `answerShapes`), so a date-time field the spec gains is
 * converted too.
 */
function toInstants(node: unknown, path: readonly string[], depth: number): unknown {
  if (depth === path.length) return typeof node === 'string' ? validDateTimeInstant(node) : node;
  if (typeof node !== 'object' || node === null) return node;
  const step = path[depth] as string;
  if (step === '*') {
    if (Array.isArray(node))
      for (let index = 0; index < node.length; index++) node[index] = toInstants(node[index], path, depth + 1);
  } else {
    const record = node as Record<string, unknown>;
    if (record[step] !== undefined) record[step] = toInstants(record[step], path, depth + 1);
  }
  return node;
}

/**
 * An operation's data from its parsed 2xx body, read the way the spec describes it (the body itself is this call's
 * own: its date-time strings are replaced by their instants):
 * 1. a `{code, msg}` envelope whose `code` is not 0 is an `api` error, whatever else it holds (`token` is redacted
 *    from its `msg`);
 * 2. everything else must satisfy the operation's answer schema (the generated validator), else `invalid-response`
 *    naming the first wrong field; when the schema has `data`, `data` must be there when `code` is 0;
 * 3. dates to instants, then the generated model's own conversion gives the data (exactly the spec's fields, every
 *    date-time a Date); an answer without `data` in its schema resolves to nothing.
 */
export function dataFromJson(
  body: unknown,
  status: number,
  token: string | undefined,
  reading: AnswerReading,
): unknown {
  if (validators.ErrorEnvelope(body) && (body as { code: number }).code !== 0) {
    const { code, msg } = body as { code: number; msg: string };
    const clean = redact(msg, token);
    throw new KooDriveError('api', `KooDrive answered code ${code}: ${clean}`, { status, code, msg: clean });
  }
  const { response } = reading;
  if (response === undefined) return undefined;
  const validate = validators[response];
  if (!validate(body)) {
    const { field, problem } = describeSchemaError(validate.errors?.[0], body);
    throw invalidResponse(status, field, problem);
  }
  const shape = answerShapes[response];
  const json = body as { data?: unknown };
  if (shape.data && json.data == null) {
    throw invalidResponse(status, 'data', 'is missing (the spec: present whenever code is 0)');
  }
  for (const path of shape.dates) toInstants(json, path, 0);
  const model = reading.fromJSON?.(json) as { data?: unknown } | undefined;
  return shape.data ? model?.data : undefined;
}
