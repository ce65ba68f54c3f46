// @vitest-environment node
import { KOODRIVE_DEVICES_PATH } from '@koodrive-device/mocks';
import { describe, expect, it } from 'vitest';
import {
  decideProxy,
  FORWARDED_PATH,
  PROXY_ALLOW,
  PROXY_REFUSAL_CODES,
  type ProxyRefusal,
  type ProxyRequest,
} from './proxy-gate.js';

const HOST = '127.0.0.1:5173';

/** The page's own request, as Chromium sends it from http://127.0.0.1:5173/. */
function pageRequest(overrides: Partial<ProxyRequest> = {}, headers: ProxyRequest['headers'] = {}): ProxyRequest {
  return {
    method: 'GET',
    url: FORWARDED_PATH,
    ...overrides,
    headers: { host: HOST, 'sec-fetch-site': 'same-origin', ...headers },
  };
}

function refusal(request: ProxyRequest): ProxyRefusal {
  const decision = decideProxy(request);
  if (decision === PROXY_ALLOW) throw new Error(`expected a refusal for ${request.method} ${request.url}`);
  return decision;
}

describe('decideProxy', () => {
  it('forwards the endpoint the page calls (the one the mocks and the spec define)', () => {
    expect(FORWARDED_PATH).toBe(KOODRIVE_DEVICES_PATH);
    expect(decideProxy(pageRequest())).toBe(PROXY_ALLOW);
  });

  it('forwards the page’s request with its own Origin, over http and https, and a request typed in the address bar', () => {
    expect(decideProxy(pageRequest({}, { origin: `http://${HOST}` }))).toBe(PROXY_ALLOW);
    expect(decideProxy(pageRequest({ secure: true }, { origin: `https://${HOST}` }))).toBe(PROXY_ALLOW);
    expect(decideProxy(pageRequest({}, { host: 'localhost:5173', origin: 'http://localhost:5173' }))).toBe(PROXY_ALLOW);
    expect(decideProxy(pageRequest({}, { host: '[::1]:5173', 'sec-fetch-site': 'none' }))).toBe(PROXY_ALLOW);
  });

  it('forwards a request without Origin and Sec-Fetch-Site (curl, scripts: not something a web page can send)', () => {
    expect(decideProxy({ method: 'GET', url: FORWARDED_PATH, headers: { host: HOST } })).toBe(PROXY_ALLOW);
  });

  it.each([
    ['cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['same-site (another localhost port)', { 'sec-fetch-site': 'same-site' }],
    ['an unknown Sec-Fetch-Site', { 'sec-fetch-site': 'sideways' }],
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['another localhost port as Origin', { origin: 'http://127.0.0.1:8080' }],
    ['Origin: null (sandboxed frame, file://)', { origin: 'null' }],
    ['an https Origin on an http server', { origin: `https://${HOST}` }],
    ['a foreign Origin without Sec-Fetch-Site', { origin: 'https://evil.example', 'sec-fetch-site': undefined }],
  ])('refuses with 403 a request from another site: %s', (_name, headers) => {
    const answer = refusal(pageRequest({}, headers));
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ code: PROXY_REFUSAL_CODES.crossSite, msg: expect.stringContaining('dashboard') });
  });

  it.each([
    ['a DNS-rebinding host name', 'evil.example:5173'],
    ['a LAN address', '192.168.1.20:5173'],
    ['no Host at all', undefined],
  ])('refuses with 403 a request addressed to %s', (_name, host) => {
    const answer = refusal(pageRequest({}, { host, origin: host === undefined ? undefined : `http://${host}` }));
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe(PROXY_REFUSAL_CODES.notLoopbackHost);
  });

  it('checks the site before the path, so a cross-site page learns nothing about what is forwarded', () => {
    const answer = refusal(
      pageRequest({ method: 'DELETE', url: '/koodrive/other' }, { 'sec-fetch-site': 'cross-site' }),
    );
    expect(answer.status).toBe(403);
  });

  it.each([
    '/koodrive/ose/v1/backup/device/123',
    '/koodrive/ose/v1/backup/devices',
    '/koodrive/ose/v1/backup/device/',
    '/koodrive/ose/v1/backup/device?userId=someone-else',
    '/koodrive/ose/v1/backup/device?',
    '/koodrive/ose/v1/backup/device/../../../v2/account',
    '/koodrive/ose/v1/backup/%64evice',
    '/koodrive/ose/v1/backup/device%2F..%2Fx',
    '/koodrive/',
    '/koodrive/ose/v1/account/delete',
    undefined,
  ])('refuses with 404 any other request target: %s', (url) => {
    const answer = refusal(pageRequest({ url }));
    expect(answer).toMatchObject({ status: 404, body: { code: PROXY_REFUSAL_CODES.notForwarded } });
    expect(answer.body.msg).toContain(`GET ${FORWARDED_PATH}`);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'get', undefined])(
    'refuses with 405 and Allow: GET the method %s on the forwarded path',
    (method) => {
      const answer = refusal(pageRequest({ method }));
      expect(answer).toMatchObject({ status: 405, body: { code: PROXY_REFUSAL_CODES.methodNotAllowed } });
      expect(answer.headers).toMatchObject({ Allow: 'GET', 'Cache-Control': 'no-store' });
    },
  );
});
