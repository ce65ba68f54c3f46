import { createSpecValidator } from '@koodrive-device/spec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createManyDevicesAccount, demoAccount, emptyAccount } from './fixtures.js';
import { createKooDriveHandlers, successBody } from './handlers.js';
import type { Scenario } from './scenarios.js';
import { call, fixedNow, NOW } from './testing/call.js';
import { formatXDate } from './x-date.js';

const validator = createSpecValidator();
const many = createManyDevicesAccount(20);
const accounts = [demoAccount, emptyAccount, many];
const SECOND = 1000;
const FIFTEEN_MINUTES = 15 * 60 * SECOND;

/** Any value the Headers API takes: Latin-1 without CR, LF, NUL or DEL, as HTTP/1.1 can carry. */
const latin1Char = fc
  .integer({ min: 0x09, max: 0xff })
  .filter((code) => code === 0x09 || (code >= 0x20 && code !== 0x7f))
  .map((code) => String.fromCharCode(code));
const latin1 = (maxLength: number) => fc.string({ unit: latin1Char, maxLength });
/** Non-ASCII text as it arrives over HTTP: UTF-8 bytes read as Latin-1. */
const utf8AsLatin1 = fc.string({ unit: 'grapheme', maxLength: 40 }).map((text) =>
  Buffer.from(text, 'utf8')
    .toString('latin1')
    .replace(/[\r\n\0\x7f]/g, ''),
);
const huge = fc
  .integer({ min: 2_000, max: 64_000 })
  .chain((length) =>
    fc.constantFrom('a', 'é', '9', ' ', 'Bearer ').map((unit) => unit.repeat(Math.ceil(length / unit.length))),
  );
const hostile = fc.oneof(latin1(60), utf8AsLatin1, huge);

/** X-Dates around every boundary of the window, plus calendar nonsense and garbage. */
const xDate = fc.oneof(
  fc.integer({ min: -2 * 60, max: 20 * 60 }).map((seconds) => formatXDate(new Date(NOW.getTime() - seconds * SECOND))),
  fc
    .constantFrom(-SECOND, 0, SECOND, FIFTEEN_MINUTES - SECOND, FIFTEEN_MINUTES, FIFTEEN_MINUTES + SECOND)
    .map((age) => formatXDate(new Date(NOW.getTime() - age))),
  fc.stringMatching(/^\d{8}T\d{6}Z$/),
  fc.constantFrom('20260230T100000Z', '20260212T246000Z', '00000000T000000Z', '99991231T235959Z', '20260212T100000z'),
  hostile,
);

const token = fc.oneof(
  fc.constantFrom('Bearer demo-token', 'Bearer empty-token', 'Bearer many-token'),
  fc.constantFrom('bearer demo-token', 'BEARER many-token', 'bearer DEMO-TOKEN'),
  fc.constantFrom('Bearer+demo-token', 'bearer+demo-token', 'Bearer', 'bearer ', 'demo-token'),
  fc.constantFrom('Bearer  demo-token', 'bearer   many-token', 'Bearer\tdemo-token'),
  hostile.map((value) => `Bearer ${value}`),
  hostile,
);
const userId = fc.oneof(fc.constantFrom('demo-user', 'empty-user', 'many-user', ''), hostile);

/** Each header: absent, once, or several times (the Headers API joins repeats with ", "). */
const occurrences = (value: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant<string[]>([]) },
    { weight: 6, arbitrary: value.map((v) => [v]) },
    { weight: 1, arbitrary: fc.array(value, { minLength: 2, maxLength: 3 }) },
  );
const nameCase = fc.constantFrom(
  (name: string) => name,
  (name: string) => name.toLowerCase(),
  (name: string) => name.toUpperCase(),
);

const randomHeaders = fc
  .record({
    authorization: occurrences(token),
    userId: occurrences(userId),
    xDate: occurrences(xDate),
    extra: fc.array(fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/), latin1(40)), { maxLength: 4 }),
    caseOf: nameCase,
  })
  .map(({ authorization, userId, xDate, extra, caseOf }) => {
    const pairs: Array<[string, string]> = [
      ...authorization.map((v): [string, string] => [caseOf('Authorization'), v]),
      ...userId.map((v): [string, string] => [caseOf('X-User-Id'), v]),
      ...xDate.map((v): [string, string] => [caseOf('X-Date'), v]),
      ...extra,
    ];
    return pairs;
  });

/** A correctly signed request for a known account (signed up to 20 minutes ago), then at most one header spoilt. */
const nearlyValidHeaders = fc
  .record({
    account: fc.constantFrom(...accounts),
    ageSeconds: fc.integer({ min: -5, max: 20 * 60 }),
    spoil: fc.option(fc.tuple(fc.constantFrom('Authorization', 'X-User-Id', 'X-Date'), fc.option(hostile)), {
      freq: 2,
    }),
    caseOf: nameCase,
  })
  .map(({ account, ageSeconds, spoil, caseOf }) => {
    const pairs: Array<[string, string]> = [
      [caseOf('Authorization'), `Bearer ${account.accessToken}`],
      [caseOf('X-User-Id'), account.userId],
      [caseOf('X-Date'), formatXDate(new Date(NOW.getTime() - ageSeconds * SECOND))],
    ];
    if (spoil === null) return pairs;
    const [name, value] = spoil;
    const index = pairs.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
    const original = pairs[index];
    if (value === null)
      pairs.splice(index, 1); // missing
    else if (original !== undefined) pairs.push([original[0], value]); // repeated, with a hostile second value
    return pairs;
  });

const headerSet = fc.oneof({ weight: 3, arbitrary: randomHeaders }, { weight: 2, arbitrary: nearlyValidHeaders });

function asRecord(pairs: ReadonlyArray<readonly [string, string]>): Headers {
  const headers = new Headers();
  for (const [name, value] of pairs) headers.append(name, value);
  return headers;
}

describe.each<{ scenario: Scenario; statuses: number[]; runs: number }>([
  { scenario: 'normal', statuses: [200, 400, 401, 403], runs: 3000 },
  { scenario: 'empty', statuses: [200, 400, 401, 403], runs: 500 },
  { scenario: 'envelope-error', statuses: [200, 400, 401, 403], runs: 500 },
  { scenario: 'unauthorized', statuses: [401], runs: 300 },
  { scenario: 'malformed', statuses: [200, 400, 401, 403], runs: 500 },
  { scenario: { name: 'slow', delayMs: 0 }, statuses: [200, 400, 401, 403], runs: 300 },
  { scenario: 'server-error', statuses: [500], runs: 200 },
  { scenario: 'unavailable', statuses: [503], runs: 200 },
  { scenario: 'rate-limited', statuses: [429], runs: 200 },
])('random and hostile headers, scenario $scenario', ({ scenario, statuses, runs }) => {
  const handlers = createKooDriveHandlers({ accounts, now: fixedNow, scenario });
  const name = typeof scenario === 'string' ? scenario : scenario.name;

  const seen = new Set<number>();

  it('always get a well-formed answer the spec documents, never a crash or an unexpected 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(headerSet, async (pairs) => {
        const answer = await call(handlers, pairs);
        seen.add(answer.status);
        expect(statuses).toContain(answer.status);
        expect(answer.headers.get('content-type')).toBe('application/json');
        expect(answer.headers.get('date')).toBe(NOW.toUTCString());

        const sent = asRecord(pairs);
        const specAccepts = validator.validateRequestHeaders(sent).valid;
        if (name === 'malformed' && answer.status === 200) {
          expect(specAccepts).toBe(true);
          expect(() => JSON.parse(answer.text)).toThrow(SyntaxError);
          return;
        }
        const body = JSON.parse(answer.text) as { code: number; data?: unknown[] };
        expect(validator.validateResponse(answer.status, body)).toEqual({ valid: true });
        expect(Number.isInteger(body.code)).toBe(true);
        if (answer.status === 200 && name !== 'envelope-error') {
          // Nothing the spec rejects is ever accepted.
          expect(specAccepts).toBe(true);
          expect(body.code).toBe(0);
        } else {
          expect(body.code).not.toBe(0);
        }
        // Never echo a request value (a token) into a message.
        for (const [, value] of pairs) if (value.length > 8) expect(answer.text).not.toContain(value);
      }),
      { numRuns: runs },
    );
    // The generators reach every status the scenario can give, acceptance included.
    expect([...seen].sort()).toEqual(statuses);
  });
});

describe('the X-Date window, for any offset', () => {
  const handlers = createKooDriveHandlers({ accounts, now: fixedNow });

  it('accepts exactly the X-Dates from 15 minutes before the clock up to the clock, to the second', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -86_400, max: 86_400 }), fc.integer({ min: 0, max: 999 }), async (s, ms) => {
        const sentAt = new Date(NOW.getTime() - s * SECOND + ms);
        const answer = await call(handlers, {
          Authorization: 'Bearer demo-token',
          'X-User-Id': 'demo-user',
          'X-Date': formatXDate(sentAt),
        });
        const age = Math.floor(NOW.getTime() / SECOND) - Math.floor(sentAt.getTime() / SECOND);
        const inWindow = age >= 0 && age <= 15 * 60;
        expect(answer.status).toBe(inWindow ? 200 : 401);
        if (inWindow) expect(answer.text).toBe(successBody(demoAccount));
      }),
      { numRuns: 2000 },
    );
  });
});
