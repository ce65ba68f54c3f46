import { KooDriveError } from '@koodrive-device/client';
import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error.js';

const http = (status: number, code?: number, msg?: string, attempts?: number) =>
  new KooDriveError('http', `HTTP ${status}`, {
    status,
    ...(code === undefined ? {} : { code }),
    ...(msg === undefined ? {} : { msg }),
    ...(attempts === undefined ? {} : { attempts }),
  });

describe('describeError', () => {
  it.each([
    [http(401, 401001), 'Your access token was not accepted: it has expired, been revoked or is missing.'],
    [http(401, 401003), "KooDrive rejected the request's time stamp."],
    [http(403, 403001), 'This access token belongs to a different user.'],
    [http(429), 'Too many requests in a short time.'],
    [http(503, 503001), 'KooDrive is busy or briefly unavailable.'],
    [http(504), 'KooDrive is busy or briefly unavailable.'],
    [http(500, 500001), 'KooDrive ran into a problem on its side.'],
    [http(404), 'The device list was not found at this address.'],
    [http(418), 'KooDrive refused the request (HTTP 418).'],
    [
      new KooDriveError('api', 'code 100001', { status: 200, code: 100001, msg: 'later' }),
      'KooDrive could not list your devices right now.',
    ],
    [new KooDriveError('network', 'failed'), "Can't reach KooDrive."],
    [new KooDriveError('timeout', 'slow'), 'KooDrive took too long to answer.'],
    [
      new KooDriveError('invalid-response', 'bad', { status: 200, field: 'data[0].deviceId' }),
      "KooDrive sent an answer this page can't read.",
    ],
    [new KooDriveError('access-token', 'no token'), 'No access token could be had for this request.'],
    [
      new KooDriveError('invalid-request', 'bad', { field: 'deviceId' }),
      "This page asked KooDrive for something it can't send.",
    ],
    [new Error('boom'), 'Something went wrong while loading your devices.'],
  ])('words %s as a plain sentence', (error, title) => {
    expect(describeError(error, 'demo').title).toBe(title);
  });

  it('points a real-mode user at the variable to fix', () => {
    expect(describeError(http(401, 401001), 'real').advice).toContain('KOODRIVE_ACCESS_TOKEN');
    expect(describeError(http(403, 403001), 'real').advice).toContain('KOODRIVE_USER_ID');
    expect(describeError(new KooDriveError('network', 'x'), 'real').advice).toContain('KOODRIVE_BASE_URL');
    expect(describeError(http(401, 401001), 'demo').advice).not.toContain('KOODRIVE_');
  });

  it('lists the technical facts: kind, status, code, message, field, attempts', () => {
    const error = http(503, 503001, 'Service temporarily unavailable', 3);
    expect(describeError(error, 'demo').details).toEqual([
      ['Kind', 'http'],
      ['HTTP status', '503'],
      ['KooDrive code', '503001'],
      ['KooDrive message', 'Service temporarily unavailable'],
      ['Attempts', '3'],
    ]);
  });
});
