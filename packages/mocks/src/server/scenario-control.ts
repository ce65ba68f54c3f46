import type { IncomingMessage } from 'node:http';
import { errorAnswer, type MockAnswer } from '../envelope.js';
import { resolveScenario, type Scenario, type ScenarioController } from '../scenarios.js';

/**
 * `GET` answers the current scenario, `PUT` (`Content-Type: application/json`, a JSON `Scenario` body) switches
 * it. Not part of the KooDrive API. Refused (403) from a web page of any origin not in `controlOrigins`.
 */
export const SCENARIO_CONTROL_PATH = '/__koodrive-mock/scenario';

const MAX_CONTROL_BODY = 4096;

/**
 * The control endpoint's origin policy: a request with an `Origin` not in `allowedOrigins`, or from another site
 * (`Sec-Fetch-Site`), is foreign. Node, curl and the in-process controller send neither and are always allowed.
 */
export function isForeign(req: IncomingMessage, allowedOrigins: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined) return !allowedOrigins.has(origin);
  return req.headers['sec-fetch-site'] === 'cross-site' || req.headers['sec-fetch-site'] === 'same-site';
}

/** The request body as text, or undefined past {@link MAX_CONTROL_BODY} bytes. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_CONTROL_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= MAX_CONTROL_BODY ? Buffer.concat(chunks).toString('utf8') : undefined));
    req.on('error', reject);
  });
}

/** Answers one request to {@link SCENARIO_CONTROL_PATH}: read or switch `scenario`. */
export async function answerControl(
  req: IncomingMessage,
  scenario: ScenarioController,
  allowedOrigins: ReadonlySet<string>,
  date: () => string,
): Promise<MockAnswer> {
  const current = (): MockAnswer => ({
    status: 200,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', Date: date() },
    body: JSON.stringify({ scenario: scenario.current }),
  });
  if (isForeign(req, allowedOrigins)) {
    req.resume();
    return errorAnswer('foreignOrigin', date());
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    req.resume();
    return current();
  }
  if (req.method !== 'PUT') {
    req.resume();
    return errorAnswer('controlMethod', date(), {
      detail: SCENARIO_CONTROL_PATH,
      headers: { Allow: 'GET, HEAD, PUT' },
    });
  }
  // JSON only: no form or text/plain body, which a page could send without asking the server first.
  const mediaType = (req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    req.resume();
    return errorAnswer('controlMediaType', date());
  }
  const body = await readBody(req);
  try {
    if (body === undefined) throw new RangeError('body too large');
    const parsed = JSON.parse(body) as unknown;
    const next = (
      typeof parsed === 'object' && parsed !== null && 'scenario' in parsed ? parsed.scenario : parsed
    ) as Scenario;
    resolveScenario(next);
    scenario.set(next);
  } catch (caught) {
    return errorAnswer('badScenario', date(), { detail: caught instanceof Error ? caught.message : 'invalid body' });
  }
  return current();
}
