import {
  createSpecValidator,
  findOperation,
  loadSpecDocument,
  type ResponseObject,
  resolveRef,
} from '@koodrive-device/spec';
import { describe, expect, it } from 'vitest';
import { createManyDevicesAccount, demoAccount, emptyAccount, type MockAccount } from './fixtures.js';
import { createKooDriveHandlers, mockErrors, successBody } from './handlers.js';
import { type Scenario, type ScenarioName, scenarioNames } from './scenarios.js';
import { type Answer, call, fixedNow, NOW, validHeaders } from './testing/call.js';

const validator = createSpecValidator();
const document = loadSpecDocument();
const { operation } = findOperation(document, 'listBoundDevices');
/** The response headers the spec declares for a status, lower-cased. */
function declaredHeaders(status: number): string[] {
  const response = operation.responses[String(status)];
  if (response === undefined) return [];
  return Object.keys(resolveRef<ResponseObject>(document, response).headers ?? {}).map((name) => name.toLowerCase());
}
const MINUTE = 60_000;
const many = createManyDevicesAccount(40);
const accounts: MockAccount[] = [demoAccount, emptyAccount, many];

/** One request of every kind the checks distinguish. */
const requests: Array<{ kind: string; headers: Record<string, string>; account?: MockAccount }> = [
  { kind: 'valid demo', headers: validHeaders(demoAccount), account: demoAccount },
  { kind: 'valid empty', headers: validHeaders(emptyAccount), account: emptyAccount },
  { kind: 'valid many', headers: validHeaders(many, 14 * MINUTE), account: many },
  { kind: 'no token', headers: { 'X-User-Id': 'demo-user', 'X-Date': validHeaders(demoAccount)['X-Date'] ?? '' } },
  { kind: 'unknown token', headers: { ...validHeaders(demoAccount), Authorization: 'Bearer other' } },
  { kind: 'Bearer+ token', headers: { ...validHeaders(demoAccount), Authorization: 'Bearer+demo-token' } },
  { kind: 'no user', headers: { Authorization: 'Bearer demo-token', 'X-Date': '20260212T100000Z' } },
  { kind: 'wrong user', headers: { ...validHeaders(demoAccount), 'X-User-Id': 'many-user' } },
  { kind: 'no date', headers: { Authorization: 'Bearer demo-token', 'X-User-Id': 'demo-user' } },
  { kind: 'malformed date', headers: { ...validHeaders(demoAccount), 'X-Date': '2026-02-12T10:00:00Z' } },
  { kind: 'impossible date', headers: { ...validHeaders(demoAccount), 'X-Date': '20260229T100000Z' } },
  { kind: 'future date', headers: validHeaders(demoAccount, -MINUTE) },
  { kind: 'stale date', headers: validHeaders(demoAccount, 16 * MINUTE) },
];

/** Every scenario, `slow` with a short real delay so its delay path runs. */
const scenarios: Array<{ name: ScenarioName; scenario: Scenario }> = scenarioNames.map((name) => ({
  name,
  scenario: name === 'slow' ? { name, delayMs: 5 } : name,
}));

function expectCommonHeaders(answer: Answer) {
  expect(answer.headers.get('content-type')).toBe('application/json');
  expect(answer.headers.get('date')).toBe(NOW.toUTCString());
  // Every other header the mock sends is one the spec declares for that status.
  const declared = declaredHeaders(answer.status);
  for (const [name] of answer.headers) if (name !== 'content-type' && name !== 'date') expect(declared).toContain(name);
  // Every 401 carries its challenge (RFC 6750 section 3), and the spec says so.
  if (answer.status === 401) {
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm="koodrive"/);
    expect(declared).toContain('www-authenticate');
  }
}

describe.each(scenarios)('scenario $name', ({ name, scenario }) => {
  const handlers = createKooDriveHandlers({ accounts, now: fixedNow, scenario });

  it.each(requests)('answers a "$kind" request with a response the spec documents', async ({ headers, account }) => {
    const answer = await call(handlers, headers);
    expectCommonHeaders(answer);
    expect(validator.documentedStatuses).toContain(String(answer.status));

    if (name === 'malformed' && answer.status === 200) {
      // Deliberately not JSON: a truncated prefix of the valid body, which itself conforms.
      const full = successBody(account ?? demoAccount);
      expect(() => JSON.parse(answer.text)).toThrow(SyntaxError);
      expect(answer.text.length).toBeGreaterThan(0);
      expect(answer.text.length).toBeLessThan(full.length);
      expect(full.startsWith(answer.text)).toBe(true);
      expect(validator.validateResponse(200, JSON.parse(full))).toEqual({ valid: true });
      return;
    }
    const body = JSON.parse(answer.text) as unknown;
    expect(validator.validateResponse(answer.status, body)).toEqual({ valid: true });
    if (answer.status === 200 && name !== 'envelope-error') {
      // The mock accepted the request: the spec must accept it too.
      expect(validator.validateRequestHeaders(headers)).toEqual({ valid: true });
    }
  });
});

describe('what each scenario answers', () => {
  const answerFor = (scenario: Scenario, headers = validHeaders(demoAccount)) =>
    call(createKooDriveHandlers({ accounts, now: fixedNow, scenario }), headers);

  it('normal: 200 with the devices', async () => {
    const answer = await answerFor('normal');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).data).toEqual(demoAccount.devices);
  });

  it('empty: 200 with no devices, for an account that has some', async () => {
    const answer = await answerFor('empty');
    expect([answer.status, JSON.parse(answer.text)]).toEqual([200, { data: [], code: 0, msg: 'success' }]);
  });

  it('envelope-error: 200 with a non-zero code and no data', async () => {
    const answer = await answerFor('envelope-error');
    const body = JSON.parse(answer.text);
    expect(answer.status).toBe(200);
    expect(body.code).not.toBe(0);
    expect(body).not.toHaveProperty('data');
  });

  it('unauthorized: 401 even for a valid request', async () => {
    const answer = await answerFor('unauthorized');
    expect([answer.status, JSON.parse(answer.text).code]).toEqual([401, mockErrors.scenarioUnauthorized.code]);
  });

  it('server-error: 500 whatever the request', async () => {
    expect((await answerFor('server-error', {})).status).toBe(500);
  });

  it('unavailable: 503 with Retry-After, default 2 seconds or as configured', async () => {
    const fallback = await answerFor('unavailable');
    expect([fallback.status, fallback.headers.get('retry-after')]).toEqual([503, '2']);
    const configured = await answerFor({ name: 'unavailable', retryAfterSeconds: 30 });
    expect(configured.headers.get('retry-after')).toBe('30');
  });

  it('rate-limited: 429 with Retry-After and the envelope, default 2 seconds or as configured', async () => {
    const fallback = await answerFor('rate-limited', {});
    expect([fallback.status, fallback.headers.get('retry-after')]).toEqual([429, '2']);
    expect(JSON.parse(fallback.text)).toEqual({ code: mockErrors.rateLimited.code, msg: mockErrors.rateLimited.msg });
    expect(validator.validateResponse(429, JSON.parse(fallback.text))).toEqual({ valid: true });
    const configured = await answerFor({ name: 'rate-limited', retryAfterSeconds: 7 });
    expect(configured.headers.get('retry-after')).toBe('7');
  });

  it('slow: answers normally after the configured delay', async () => {
    const started = performance.now();
    const answer = await answerFor({ name: 'slow', delayMs: 150 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(answer.status).toBe(200);
  });

  it('malformed: 200 whose body is cut in the middle of the JSON', async () => {
    const answer = await answerFor('malformed');
    expect(answer.status).toBe(200);
    expect(successBody(demoAccount).startsWith(answer.text)).toBe(true);
    expect(() => JSON.parse(answer.text)).toThrow(SyntaxError);
  });

  it.each(['normal', 'empty', 'envelope-error', 'slow', 'malformed'] as const)(
    '%s still runs every request check',
    async (name) => {
      const scenario: Scenario = name === 'slow' ? { name, delayMs: 1 } : name;
      const answer = await answerFor(scenario, { ...validHeaders(demoAccount), 'X-User-Id': 'nobody' });
      expect(answer.status).toBe(403);
    },
  );
});
