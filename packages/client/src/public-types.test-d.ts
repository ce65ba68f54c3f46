// The public types callers program against, pinned at the type level (vitest --typecheck).
import { describe, expectTypeOf, it } from 'vitest';
import type { BoundDeviceEntity } from './generated/index.js';
import {
  type BoundDevice,
  type BoundDeviceJson,
  createKooDriveClient,
  KooDriveError,
  type KooDriveErrorKind,
  type KooDriveRetryEvent,
  type ListBoundDevicesOptions,
  type OperationData,
  type OperationId,
  type OperationParameters,
} from './index.js';

declare const error: KooDriveError;

describe('KooDriveError narrows by kind', () => {
  it('gives a number status after kind http, and code/msg as optional numbers/strings', () => {
    if (error.kind === 'http') {
      expectTypeOf(error.status).toEqualTypeOf<number>();
      expectTypeOf(error.code).toEqualTypeOf<number | undefined>();
      expectTypeOf(error.retryAfterMs).toEqualTypeOf<number | undefined>();
    }
  });

  it('gives code and msg after kind api, and a string field after invalid-response', () => {
    if (error.kind === 'api') {
      expectTypeOf(error.code).toEqualTypeOf<number>();
      expectTypeOf(error.msg).toEqualTypeOf<string>();
    }
    if (error.kind === 'invalid-response') expectTypeOf(error.field).toEqualTypeOf<string>();
  });

  it('has no status on a timeout, so reading it does not compile', () => {
    if (error.kind === 'timeout') {
      // @ts-expect-error a timeout has no HTTP status
      error.status;
    }
  });

  it('keeps attempts read-only to callers', () => {
    expectTypeOf(error.attempts).toEqualTypeOf<number>();
    // @ts-expect-error attempts is set by the client only
    error.attempts = 2;
  });

  it('narrows an unknown to the union with instanceof', () => {
    const caught: unknown = undefined;
    if (caught instanceof KooDriveError) expectTypeOf(caught).toEqualTypeOf<KooDriveError>();
  });

  it('lists every kind, access-token and invalid-request included', () => {
    expectTypeOf<KooDriveErrorKind>().toEqualTypeOf<
      'http' | 'api' | 'network' | 'timeout' | 'aborted' | 'invalid-response' | 'access-token' | 'invalid-request'
    >();
    expectTypeOf<KooDriveError['kind']>().toEqualTypeOf<KooDriveErrorKind>();
  });
});

describe('devices derive from the generated model', () => {
  it('has exactly the generated BoundDeviceEntity fields, createTime a Date', () => {
    expectTypeOf<keyof BoundDevice>().toEqualTypeOf<keyof BoundDeviceEntity>();
    expectTypeOf<BoundDevice['createTime']>().toEqualTypeOf<Date>();
    expectTypeOf<BoundDevice['deviceId']>().toEqualTypeOf<string>();
  });

  it('has the same fields on the wire, with createTime a string', () => {
    expectTypeOf<keyof BoundDeviceJson>().toEqualTypeOf<keyof BoundDeviceEntity>();
    expectTypeOf<BoundDeviceJson['createTime']>().toEqualTypeOf<string>();
  });

  it('resolves listBoundDevices to BoundDevice[]', () => {
    const client = createKooDriveClient({ baseUrl: 'https://x.test', accessToken: 't', userId: 'u' });
    expectTypeOf(client.listBoundDevices).returns.toEqualTypeOf<Promise<BoundDevice[]>>();
  });

  it('tells onRetry the attempt, the limit, the delay and the error', () => {
    expectTypeOf<KooDriveRetryEvent>().toEqualTypeOf<{
      readonly attempt: number;
      readonly maxAttempts: number;
      readonly delayMs: number;
      readonly error: KooDriveError;
    }>();
  });
});

describe('one method per operation of the spec, typed from it', () => {
  const client = createKooDriveClient({ baseUrl: 'https://x.test', accessToken: 't', userId: 'u' });

  it("has a method for each of the spec's operations, and nothing else", () => {
    // Holds whatever operations the spec grows: listBoundDevices is one of them.
    expectTypeOf<'listBoundDevices'>().toExtend<OperationId>();
    expectTypeOf<keyof typeof client>().toEqualTypeOf<OperationId>();
  });

  it('takes listBoundDevices with no argument, or with a signal, as before', () => {
    expectTypeOf(client.listBoundDevices).toBeCallableWith();
    expectTypeOf(client.listBoundDevices).toBeCallableWith({ signal: new AbortController().signal });
    expectTypeOf<ListBoundDevicesOptions>().toEqualTypeOf<OperationParameters<'listBoundDevices'>>();
    expectTypeOf<OperationData<'listBoundDevices'>>().toEqualTypeOf<BoundDevice[]>();
  });

  it('never lets the caller set what the client signs with (X-User-Id, X-Date)', () => {
    // @ts-expect-error X-User-Id is the client's, from its options
    client.listBoundDevices({ xUserId: 'someone-else' });
    // @ts-expect-error X-Date is signed per attempt by the client
    client.listBoundDevices({ xDate: '20251103T070140Z' });
  });
});
