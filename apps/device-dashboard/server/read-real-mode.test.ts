// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DashboardConfigError, describeMode, readRealMode, runtimeConfigFor } from './real-mode.js';
import { realEnv, SECRET } from './testing/servers.js';

describe('readRealMode', () => {
  it('is demo mode (undefined) when no KOODRIVE_* variable is set', () => {
    expect(readRealMode({})).toBeUndefined();
    expect(readRealMode({ KOODRIVE_BASE_URL: '  ', KOODRIVE_ACCESS_TOKEN: '' })).toBeUndefined();
  });

  it('names the missing variables, never the token, when only some are set', () => {
    const attempt = () => readRealMode({ KOODRIVE_ACCESS_TOKEN: SECRET });
    expect(attempt).toThrow(DashboardConfigError);
    expect(attempt).toThrow('missing: KOODRIVE_BASE_URL, KOODRIVE_USER_ID');
    try {
      attempt();
    } catch (error) {
      expect(String((error as Error).stack)).not.toContain(SECRET);
    }
  });

  it('rejects a base URL that is not http(s) or carries credentials', () => {
    expect(() => readRealMode(realEnv('ftp://gateway.example.com'))).toThrow('must be an http(s) URL');
    expect(() => readRealMode(realEnv('not a url'))).toThrow('KOODRIVE_BASE_URL is not a URL');
    expect(() => readRealMode(realEnv('https://me:pw@gateway.example.com'))).toThrow('must not contain credentials');
  });

  it('accepts the token with or without a "Bearer " prefix and keeps a path prefix of the base URL', () => {
    const settings = readRealMode(realEnv('https://gateway.example.com/api/', `Bearer ${SECRET}`));
    expect(settings?.accessToken).toBe(SECRET);
    expect(settings?.baseUrl.href).toBe('https://gateway.example.com/api/');
  });

  it('gives the page the mode, user and API origin only', () => {
    const settings = readRealMode(realEnv('https://gateway.example.com/api', SECRET));
    expect(runtimeConfigFor(settings)).toEqual({
      mode: 'real',
      userId: 'demo-user',
      apiOrigin: 'https://gateway.example.com',
    });
    expect(JSON.stringify(runtimeConfigFor(settings))).not.toContain(SECRET);
    expect(runtimeConfigFor(undefined)).toEqual({ mode: 'demo' });
  });

  it('says on the start line where real mode sends requests, and warns when the server is not on loopback', () => {
    const settings = readRealMode(realEnv('https://gateway.example.com/api', SECRET));
    expect(describeMode(undefined, '127.0.0.1')).toMatch(/^demo mode/);
    expect(describeMode(settings, '127.0.0.1')).toMatch(
      /^real mode: .* proxied to https:\/\/gateway\.example\.com as user demo-user/,
    );
    expect(describeMode(settings, '127.0.0.1')).not.toContain('WARNING');
    expect(describeMode(settings, '0.0.0.0')).toContain('WARNING: the server listens beyond loopback');
    expect(describeMode(settings, true)).toContain('WARNING');
    expect(describeMode(settings, '127.0.0.1')).not.toContain(SECRET);
  });
});
