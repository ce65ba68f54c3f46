import { fileURLToPath } from 'node:url';
import { createSpecValidator, loadSpecDocument } from '@koodrive-device/spec';
import { describe, expect, it } from 'vitest';
import { demoAccount } from './fixtures.js';
import { createKooDriveHandlers } from './handlers.js';
import type { MockSpec } from './spec.js';
import { fixedNow, send, validHeaders } from './testing/call.js';
import { DEVICE_ITEM_PATH, deleteOperationSpec, postOperationSpec, queryParameterSpec } from './testing/variants.js';

// Every answer the mock gives a grown spec's operation, judged by the spec tooling (ajv straight on the variant's
// YAML, nothing generated): its status documented, its body valid against the documented schema, and every
// request the mock accepts accepted by the spec too.

const signed = validHeaders(demoAccount);
const { Authorization: _, ...unsigned } = signed;

interface Case {
  variant: string;
  spec: MockSpec;
  operationId: string;
  method: string;
  good: { path: string; body?: string };
  bad: Array<{ path: string; body?: string }>;
}

const cases: Case[] = [
  {
    variant: 'new-delete-operation',
    spec: deleteOperationSpec,
    operationId: 'unbindDevice',
    method: 'DELETE',
    good: { path: `${DEVICE_ITEM_PATH}/1775406005920779393` },
    bad: [{ path: `${DEVICE_ITEM_PATH}/abc` }],
  },
  {
    variant: 'new-post-operation',
    spec: postOperationSpec,
    operationId: 'renameDevice',
    method: 'POST',
    good: { path: `${DEVICE_ITEM_PATH}/1/name`, body: '{"deviceName":"Magic v3"}' },
    bad: [
      { path: `${DEVICE_ITEM_PATH}/1/name`, body: '{}' },
      { path: `${DEVICE_ITEM_PATH}/1/name`, body: '{"deviceName":' },
      { path: `${DEVICE_ITEM_PATH}/1/name` },
      { path: `${DEVICE_ITEM_PATH}/x/name`, body: '{"deviceName":"Magic v3"}' },
    ],
  },
  {
    variant: 'additive-query-parameter',
    spec: queryParameterSpec,
    operationId: 'listBoundDevices',
    method: 'GET',
    good: { path: `${DEVICE_ITEM_PATH}?deviceOS=android` },
    bad: [{ path: `${DEVICE_ITEM_PATH}?deviceOS=` }],
  },
];

describe.each(cases)('$variant: $operationId', ({ variant, spec, operationId, method, good, bad }) => {
  const document = loadSpecDocument(
    fileURLToPath(
      new URL(`../../integration-tests/fixtures/regenerated/${variant}/koodrive-device.yaml`, import.meta.url),
    ),
  );
  const validator = createSpecValidator({ document, operationId });
  const mock = createKooDriveHandlers({ spec, now: fixedNow });
  const request = (target: { path: string; body?: string }, headers: Record<string, string>) =>
    send(mock, {
      method,
      url: `https://koodrive.example${target.path}`,
      headers: target.body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
      ...(target.body === undefined ? {} : { body: target.body }),
    });

  it('answers a valid request with a documented, valid 200 the spec would accept the request for', async () => {
    const answer = await request(good, signed);
    expect(answer.status).toBe(200);
    expect(validator.validateResponse(200, JSON.parse(answer.text))).toEqual({ valid: true });
    expect(validator.validateRequestHeaders(signed)).toEqual({ valid: true });
  });

  it.each([
    ['no token', unsigned, 401],
    ['another user', { ...signed, 'X-User-Id': 'someone-else' }, 403],
    ['a stale X-Date', validHeaders(demoAccount, 16 * 60_000), 401],
  ])('answers %s with the documented %s envelope', async (_kind, headers, status) => {
    const answer = await request(good, headers);
    expect(answer.status).toBe(status);
    expect(validator.documentedStatuses).toContain(String(status));
    expect(validator.validateResponse(status, JSON.parse(answer.text))).toEqual({ valid: true });
  });

  it('answers each request the spec refuses with the documented 400 envelope', async () => {
    for (const target of bad) {
      const answer = await request(target, signed);
      expect(answer.status, JSON.stringify(target)).toBe(400);
      expect(validator.validateResponse(400, JSON.parse(answer.text))).toEqual({ valid: true });
    }
  });
});
