import { describe, expect, it } from 'vitest';
import { compileSpec, kooDriveSpec, type MockSpec, type OperationSpec } from './spec.js';

const accept = Object.assign(() => true, { errors: null });
const operation = (method: string, path: string): OperationSpec => ({ method, path, parameters: [], responses: {} });

/** A spec of operations by `METHOD path`, every request valid. */
function specOf(...operations: Array<[id: string, method: string, path: string]>): MockSpec {
  return {
    operations: Object.fromEntries(operations.map(([id, method, path]) => [id, operation(method, path)])),
    validators: Object.fromEntries(operations.map(([id]) => [id, { parameters: accept }])),
  };
}

describe('compileSpec', () => {
  const spec = compileSpec(
    specOf(
      ['list', 'GET', '/devices'],
      ['add', 'POST', '/devices'],
      ['remove', 'DELETE', '/devices/{id}'],
      ['rename', 'PUT', '/devices/{id}/name'],
      ['mine', 'GET', '/devices/mine'],
    ),
  );

  it('gives each path its methods in the spec order, HEAD after GET', () => {
    expect(spec.routes.map((route) => [route.template, route.allow])).toEqual([
      ['/devices', 'GET, HEAD, POST'],
      ['/devices/{id}', 'DELETE'],
      ['/devices/{id}/name', 'PUT'],
      ['/devices/mine', 'GET, HEAD'],
    ]);
  });

  it('matches a template after any prefix, a parameter being one raw segment', () => {
    expect(spec.match('/gateway/v2/devices/12%2F3/name')).toMatchObject({
      route: { template: '/devices/{id}/name' },
      rawParameters: ['12%2F3'],
    });
    expect(spec.match('/devices')?.route.template).toBe('/devices');
  });

  it('prefers the literal path over a parameter that would match it', () => {
    expect(spec.match('/devices/mine')?.route.template).toBe('/devices/mine');
    expect(spec.match('/devices/7')?.route.template).toBe('/devices/{id}');
  });

  it('matches nothing else: trailing slash, letter case, an empty segment, a relative path', () => {
    for (const pathname of ['/devices/', '/Devices', '/devices//name', 'devices', '/devicesx', '/devices/7/name/x']) {
      expect(spec.match(pathname), pathname).toBeUndefined();
    }
  });

  it('builds one URL pattern for msw: any origin, any prefix, one of the templates', () => {
    expect(spec.urlPattern.test('https://api.example/devices/7/name')).toBe(true);
    expect(spec.urlPattern.test('http://localhost:5173/api/devices')).toBe(true);
    expect(spec.urlPattern.test('https://api.example/devices/')).toBe(false);
  });

  it('refuses a spec with an operation that has no request validators', () => {
    const broken: MockSpec = { operations: { list: operation('GET', '/devices') }, validators: {} };
    expect(() => compileSpec(broken)).toThrow(/no request validators for list/);
  });

  it("serves the package's own spec: the devices path, GET and HEAD", () => {
    const own = compileSpec(kooDriveSpec);
    // Among whatever routes the spec grows.
    expect(own.routes.map((route) => [route.template, route.allow, route.requestHeaders])).toContainEqual([
      '/koodrive/ose/v1/backup/device',
      'GET, HEAD',
      expect.stringMatching(/^Authorization, X-User-Id, X-Date\b/),
    ]);
  });
});
