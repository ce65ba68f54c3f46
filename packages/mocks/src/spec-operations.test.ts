import { describe, expect, expectTypeOf, it } from 'vitest';
import { demoAccount, referenceDevices } from './fixtures.js';
import { createKooDriveHandlers, type OperationContext } from './handlers.js';
import { type Answer, call, envelopeOf, fixedNow, NOW, send, validHeaders } from './testing/call.js';
import { DEVICE_ITEM_PATH, deleteOperationSpec, postOperationSpec, queryParameterSpec } from './testing/variants.js';

// The msw handlers built from a grown spec's generated data (the regeneration variants): every operation answered
// with no hand code, by the spec's rules.

const ORIGIN = 'https://koodrive.example';
const signed = validHeaders(demoAccount);
const json = (answer: Answer) => JSON.parse(answer.text) as Record<string, unknown>;

describe('a new DELETE operation with a path parameter (unbindDevice)', () => {
  const mock = createKooDriveHandlers({ spec: deleteOperationSpec, now: fixedNow });
  const url = `${ORIGIN}${DEVICE_ITEM_PATH}/1775406005920779393`;

  it('is answered with its documented example and the Date header', async () => {
    const answer = await send(mock, { method: 'DELETE', url, headers: signed });
    expect([answer.status, json(answer)]).toEqual([200, { code: 0, msg: 'success' }]);
    expect(answer.headers.get('date')).toBe(NOW.toUTCString());
    expect(answer.headers.get('content-type')).toBe('application/json');
  });

  it('is answered under any origin and path prefix, like the devices path', async () => {
    const prefixed = `http://localhost:5173/api/koodrive${DEVICE_ITEM_PATH}/42`;
    expect((await send(mock, { method: 'DELETE', url: prefixed, headers: signed })).status).toBe(200);
  });

  it('rejects a path parameter the spec refuses with 400 naming it', async () => {
    const answer = await send(mock, { method: 'DELETE', url: `${ORIGIN}${DEVICE_ITEM_PATH}/abc`, headers: signed });
    expect(answer.status).toBe(400);
    expect(json(answer)).toEqual({
      code: 400008,
      msg: 'The request does not match the spec: path parameter deviceId must match pattern "^[0-9]+$"',
    });
  });

  it('judges a path parameter percent-decoded, so an encoded slash is not a digit', async () => {
    const answer = await send(mock, { method: 'DELETE', url: `${url}%2F1`, headers: signed });
    expect([answer.status, json(answer).code]).toEqual([400, 400008]);
  });

  it('runs the shared checks first: no token is 401 with the challenge', async () => {
    const { Authorization: _, ...unsigned } = signed;
    const answer = await send(mock, { method: 'DELETE', url: `${ORIGIN}${DEVICE_ITEM_PATH}/abc`, headers: unsigned });
    expect([answer.status, json(answer)]).toEqual([401, envelopeOf('missingToken')]);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="koodrive"');
  });

  it.each([
    ['a stale X-Date', validHeaders(demoAccount, 16 * 60_000), 401],
    ['another user', { ...signed, 'X-User-Id': 'someone-else' }, 403],
    ['no X-Date', { Authorization: signed.Authorization ?? '', 'X-User-Id': demoAccount.userId }, 400],
  ])('answers %s as the devices path does', async (_, headers, status) => {
    expect((await send(mock, { method: 'DELETE', url, headers })).status).toBe(status);
  });

  it.each(['GET', 'HEAD', 'POST', 'PUT', 'PATCH'])(
    'answers %s on the path with 405 and Allow from the spec',
    async (method) => {
      const answer = await send(mock, { method, url, headers: signed });
      expect([answer.status, answer.headers.get('allow')]).toEqual([405, 'DELETE']);
      if (method !== 'HEAD') {
        expect(json(answer)).toEqual({ code: 405002, msg: 'Only DELETE is allowed on this endpoint' });
      }
    },
  );

  it('keeps serving listBoundDevices with its accounts, and leaves other paths alone', async () => {
    const list = await call(mock, signed);
    expect([list.status, json(list)]).toEqual([200, { data: referenceDevices, code: 0, msg: 'success' }]);
    await expect(send(mock, { method: 'DELETE', url: `${url}/extra`, headers: signed })).rejects.toThrow(/no handler/);
    await expect(send(mock, { method: 'DELETE', url: `${url}/`, headers: signed })).rejects.toThrow(/no handler/);
  });

  it('takes hand-written behaviour for the operation, typed by operationId, after every check', async () => {
    const unbound: string[] = [];
    const withBehaviour = createKooDriveHandlers({
      spec: deleteOperationSpec,
      now: fixedNow,
      operations: {
        unbindDevice: (_request, context) => {
          expectTypeOf(context).toEqualTypeOf<OperationContext<'unbindDevice'>>();
          unbound.push(`${context.account.userId}:${String(context.parameters.path.deviceId)}`);
          return context.json(200, { code: 0, msg: 'unbound' });
        },
      },
    });
    const answer = await send(withBehaviour, { method: 'DELETE', url, headers: signed });
    expect([answer.status, json(answer)]).toEqual([200, { code: 0, msg: 'unbound' }]);
    const refused = await send(withBehaviour, {
      method: 'DELETE',
      url: `${ORIGIN}${DEVICE_ITEM_PATH}/x`,
      headers: signed,
    });
    expect(refused.status).toBe(400);
    expect(unbound).toEqual(['demo-user:1775406005920779393']);
  });

  it('refuses behaviour for an operation the spec does not have, in the types and at run time', () => {
    expect(() =>
      // @ts-expect-error: the package's own spec has no operation of that name.
      createKooDriveHandlers({ operations: { notAnOperation: (_request, context) => context.example() } }),
    ).toThrow(/operations\.notAnOperation: the spec has no operation notAnOperation/);
  });
});

describe('the scenarios on an operation answered by its example', () => {
  const answerIn = async (scenario: 'server-error' | 'envelope-error' | 'malformed' | 'empty' | 'unauthorized') => {
    const mock = createKooDriveHandlers({ spec: deleteOperationSpec, now: fixedNow, scenario });
    return send(mock, { method: 'DELETE', url: `${ORIGIN}${DEVICE_ITEM_PATH}/1`, headers: signed });
  };

  it('server-error and unauthorized answer before the checks, as on the devices path', async () => {
    expect((await answerIn('server-error')).status).toBe(500);
    expect((await answerIn('unauthorized')).status).toBe(401);
  });

  it('envelope-error answers 200 with a non-zero code, malformed the example cut in half, empty the example', async () => {
    expect(json(await answerIn('envelope-error'))).toEqual(envelopeOf('operationFailed'));
    const malformed = await answerIn('malformed');
    expect([malformed.status, '{"code":0,"msg":"success"}'.startsWith(malformed.text)]).toEqual([200, true]);
    expect(() => JSON.parse(malformed.text)).toThrow(SyntaxError);
    expect(json(await answerIn('empty'))).toEqual({ code: 0, msg: 'success' });
  });
});

describe('a new POST operation with a JSON body (renameDevice)', () => {
  const mock = createKooDriveHandlers({ spec: postOperationSpec, now: fixedNow });
  const url = `${ORIGIN}${DEVICE_ITEM_PATH}/1775406005920779393/name`;
  const post = (body: string | undefined, headers: Record<string, string> = {}) =>
    send(mock, {
      method: 'POST',
      url,
      headers: { ...signed, 'Content-Type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body }),
    });

  it('is answered with its documented example', async () => {
    const answer = await post(JSON.stringify({ deviceName: 'Kitchen tablet' }));
    expect(answer.status).toBe(200);
    expect(json(answer)).toEqual({ code: 0, msg: 'success', data: referenceDevices[0] });
  });

  it.each([
    ['{}', 'body.deviceName is missing'],
    ['{"deviceName":""}', 'body.deviceName must NOT have fewer than 1 characters'],
    [JSON.stringify({ deviceName: 'x'.repeat(65) }), 'body.deviceName must NOT have more than 64 characters'],
    ['{"deviceName":5}', 'body.deviceName must be string'],
    ['["Magic v3"]', 'body must be object'],
  ])('rejects the body %s with 400 naming what is wrong', async (body, what) => {
    const answer = await post(body);
    expect([answer.status, json(answer)]).toEqual([
      400,
      { code: 400008, msg: `The request does not match the spec: ${what}` },
    ]);
  });

  it('counts a name in characters, as JSON Schema does: 64 emoji fit', async () => {
    expect((await post(JSON.stringify({ deviceName: '📱'.repeat(64) }))).status).toBe(200);
  });

  it.each(['{"deviceName":', 'deviceName=x', '\u00ff'])(
    'rejects a body that is not JSON (%j) with 400, never quoting it',
    async (body) => {
      const answer = await post(body);
      expect([answer.status, json(answer)]).toEqual([400, envelopeOf('notJson')]);
    },
  );

  it('rejects a missing required body with 400', async () => {
    const answer = await post(undefined);
    expect(json(answer)).toEqual({ code: 400008, msg: 'The request does not match the spec: body is missing' });
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded'])(
    'rejects a body sent as %s with 415 naming the media type the spec takes',
    async (type) => {
      const answer = await post('{"deviceName":"x"}', { 'Content-Type': type });
      expect([answer.status, json(answer)]).toEqual([
        415,
        { code: 415002, msg: 'Send the request body with Content-Type: application/json' },
      ]);
    },
  );

  it('accepts a JSON media type with parameters', async () => {
    const answer = await post('{"deviceName":"x"}', { 'Content-Type': 'application/json; charset=utf-8' });
    expect(answer.status).toBe(200);
  });

  it('checks the token before the body: a bad body without a token is 401', async () => {
    const { Authorization: _, ...unsigned } = signed;
    const answer = await send(mock, { method: 'POST', url, headers: unsigned, body: 'not json' });
    expect(answer.status).toBe(401);
  });

  it('answers another method with 405, Allow: POST', async () => {
    const answer = await send(mock, { method: 'GET', url, headers: signed });
    expect([answer.status, answer.headers.get('allow')]).toEqual([405, 'POST']);
    expect(json(answer).msg).toBe('Only POST is allowed on this endpoint');
  });

  it('gives hand-written behaviour the parsed, validated body and the coerced parameters', async () => {
    const withBehaviour = createKooDriveHandlers({
      spec: postOperationSpec,
      now: fixedNow,
      operations: {
        renameDevice: (_request, context) => {
          const { deviceName } = context.body as { deviceName: string };
          const device = { ...referenceDevices[0], deviceId: context.parameters.path.deviceId, deviceName };
          return context.json(200, { code: 0, msg: 'success', data: device });
        },
      },
    });
    const answer = await send(withBehaviour, {
      method: 'POST',
      url: `${ORIGIN}${DEVICE_ITEM_PATH}/7/name`,
      headers: { ...signed, 'Content-Type': 'application/json' },
      body: '{"deviceName":"Renamed"}',
    });
    expect(json(answer).data).toMatchObject({ deviceId: '7', deviceName: 'Renamed' });
  });

  it('reads a body of exactly 1 MiB of "[" nesting into a 400, and one byte more into a 413', async () => {
    const bound = 1024 * 1024;
    const nested = await post('['.repeat(bound / 2) + ']'.repeat(bound / 2));
    expect([nested.status, json(nested).msg]).toEqual([
      400,
      'The request does not match the spec: body must be object',
    ]);
    const open = await post('['.repeat(bound));
    expect([open.status, json(open)]).toEqual([400, envelopeOf('notJson')]);
    const over = await post('['.repeat(bound + 1));
    expect([over.status, json(over)]).toEqual([
      413,
      { code: 413001, msg: 'The request body is larger than 1048576 bytes' },
    ]);
  });

  it('refuses a body past maxBodyBytes with 413 and the envelope, reading no further', async () => {
    const small = createKooDriveHandlers({ spec: postOperationSpec, now: fixedNow, maxBodyBytes: 32 });
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 1000) controller.close();
        else controller.enqueue(new TextEncoder().encode('{"deviceName":"'));
      },
    });
    const response = await (await import('msw')).getResponse(
      small,
      new Request(url, {
        method: 'POST',
        headers: { ...signed, 'Content-Type': 'application/json' },
        body: endless,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response?.status).toBe(413);
    expect(await response?.json()).toEqual({ code: 413001, msg: 'The request body is larger than 32 bytes' });
    expect(pulled).toBeLessThan(10);
  });
});

describe('an optional query parameter on listBoundDevices (deviceOS)', () => {
  const mock = createKooDriveHandlers({ spec: queryParameterSpec, now: fixedNow });
  const url = `${ORIGIN}/koodrive/ose/v1/backup/device`;

  it('serves the account with or without it', async () => {
    for (const query of ['', '?deviceOS=android']) {
      const answer = await call(mock, signed, url + query);
      expect([answer.status, json(answer).data]).toEqual([200, referenceDevices]);
    }
  });

  it.each([
    ['?deviceOS=', 'query parameter deviceOS must NOT have fewer than 1 characters'],
    ['?deviceOS=android&deviceOS=ios', 'query parameter deviceOS must be string'],
  ])('rejects %s with 400 naming the parameter', async (query, what) => {
    const answer = await call(mock, signed, url + query);
    expect([answer.status, json(answer)]).toEqual([
      400,
      { code: 400008, msg: `The request does not match the spec: ${what}` },
    ]);
  });

  it('hands the parameter to hand-written behaviour', async () => {
    const seen: unknown[] = [];
    const filtering = createKooDriveHandlers({
      spec: queryParameterSpec,
      now: fixedNow,
      operations: {
        listBoundDevices: (_request, context) => {
          seen.push(context.parameters.query.deviceOS);
          return context.example();
        },
      },
    });
    await call(filtering, signed, `${url}?deviceOS=harmony%20os`);
    expect(seen).toEqual(['harmony os']);
  });
});
