import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { X_DATE_SIGNING_MARGIN_MS } from './provider.js';
import { runTestChild } from './test-support/child-process.js';
import { recordClientPact } from './test-support/client-pact.js';
import { useTempDir } from './test-support/temp-dir.js';
import type { TimezoneVerificationResult } from './test-support/timezone-verification.js';
import { xDateToMs } from './test-support/x-date.js';

// The Pact core formats generated times in the process's local time zone, and a process's zone is fixed by TZ
// when it starts: so each zone runs the verifier in a child process (test-support/timezone-verification.ts, run
// by tsx) and this file checks what the provider received. The child's output (the expected failures outside
// UTC) is captured, not printed.
const temp = useTempDir('contracts-tz-');
let pactFile: string;

beforeAll(async () => {
  pactFile = await recordClientPact(join(temp.dir, 'pacts'));
});

/** The child's result, and when it ran (this process's clock): every X-Date it sent lies in that span. */
async function verifyUnder(
  timeZone: string,
): Promise<TimezoneVerificationResult & { startedMs: number; endedMs: number }> {
  const startedMs = Date.now();
  const result = await runTestChild<TimezoneVerificationResult>('./timezone-verification.ts', [pactFile], {
    TZ: timeZone,
  });
  return { ...result, startedMs, endedMs: Date.now() };
}

/** Like `Date#getTimezoneOffset` (minutes, UTC minus local) for `timeZone` now, from ICU in this process. */
function offsetMinutesOf(timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date())
    .find((part) => part.type === 'timeZoneName')?.value;
  const [, sign, hours, minutes] = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name ?? '') ?? [];
  if (name === undefined || (sign === undefined && name !== 'GMT')) throw new Error(`Unexpected offset ${name}`);
  const east = Number(hours ?? 0) * 60 + Number(minutes ?? 0);
  return east === 0 ? 0 : sign === '+' ? -east : east;
}

/**
 * Every X-Date was signed while the child ran (from its start, less the signing margin and the second an
 * X-Date cannot carry, up to its end): current, and not later than now (the provider's rule).
 */
function expectCurrent(xDates: (string | undefined)[], span: { startedMs: number; endedMs: number }): void {
  expect(xDates).toHaveLength(3);
  for (const xDate of xDates) {
    const signed = xDateToMs(xDate ?? '');
    expect(signed, `X-Date ${xDate}`).toBeLessThanOrEqual(span.endedMs);
    expect(signed, `X-Date ${xDate}`).toBeGreaterThanOrEqual(span.startedMs - X_DATE_SIGNING_MARGIN_MS - 1000);
  }
}

describe.each([
  { timeZone: 'UTC', utc: true },
  { timeZone: 'Asia/Kolkata', utc: false },
  { timeZone: 'America/New_York', utc: false },
])('a verifier running under TZ=$timeZone', ({ timeZone, utc }) => {
  let result: Awaited<ReturnType<typeof verifyUnder>>;
  beforeAll(async () => {
    result = await verifyUnder(timeZone);
  }, 0); // one Node process running two verifications: no time limit, the verdict is what they report

  it('runs in that zone', () => {
    expect(result.offsetMinutes).toBe(offsetMinutesOf(timeZone));
    expect(result.offsetMinutes === 0).toBe(utc);
  });

  it(
    utc
      ? "replays the pact's DateTime-generated X-Date as current UTC, which a provider enforcing the window accepts"
      : "replays the pact's DateTime-generated X-Date in local time with a literal Z, off by exactly the zone's offset",
    () => {
      expect(result.generated.xDates).toHaveLength(3);
      for (const xDate of result.generated.xDates) {
        // Generated while the child ran (the second it cannot carry aside), shifted by the zone's offset.
        const generatedMs = xDateToMs(xDate ?? '') + result.offsetMinutes * 60_000;
        expect(generatedMs, `X-Date ${xDate}`).toBeGreaterThanOrEqual(result.startedMs - 1000);
        expect(generatedMs, `X-Date ${xDate}`).toBeLessThanOrEqual(result.endedMs);
      }
      // Outside UTC the shift (hours here) puts X-Date in the provider's future or past the 15-minute window:
      // the documented reason verifiers run with TZ=UTC or re-sign X-Date, as verifyKooDriveProvider does.
      expect(result.generated.passed, result.generated.result).toBe(utc);
      if (utc) expectCurrent(result.generated.xDates, result);
    },
  );

  it('verifies with verifyKooDriveProvider, the provider receiving a current UTC X-Date', () => {
    expect(result.ours.passed, result.ours.result).toBe(true);
    expectCurrent(result.ours.xDates, result);
  });
});
