import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChromiumNotFoundError, chromiumArgs, chromiumPath, launchChromium } from './index.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('launchChromium', () => {
  it("uses CHROME_PATH when set and Debian's /usr/bin/chromium otherwise", () => {
    expect(chromiumPath({})).toBe('/usr/bin/chromium');
    expect(chromiumPath({ CHROME_PATH: '/opt/chrome/chrome' })).toBe('/opt/chrome/chrome');
  });

  it('rejects with a ChromiumNotFoundError naming the path and the fix when no browser is there', async () => {
    vi.stubEnv('CHROME_PATH', '/nonexistent/chromium');
    const launched = launchChromium();
    await expect(launched).rejects.toBeInstanceOf(ChromiumNotFoundError);
    await expect(launched).rejects.toThrow(/No Chromium at \/nonexistent\/chromium: install Debian's chromium/);
  });

  it('runs headless as root without the background connections a closed network refuses', () => {
    expect(chromiumArgs).toEqual(
      expect.arrayContaining([
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ]),
    );
  });
});
