import { existsSync } from 'node:fs';
import { type Browser, chromium, type LaunchOptions } from 'playwright-core';

/** Where the browser is: `CHROME_PATH`, else Debian's `/usr/bin/chromium`. Nothing is ever downloaded. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROME_PATH ?? '/usr/bin/chromium';
}

/**
 * The flags headless Chromium needs here: as root (`--no-sandbox`), without a GPU, and without the
 * background connections a machine with no internet refuses (updates, sync, first-run pages).
 */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export class ChromiumNotFoundError extends Error {
  override name = 'ChromiumNotFoundError';
}

/** Launches headless Chromium with {@link chromiumArgs}; throws ChromiumNotFoundError, saying what to do, when it is absent. */
export function launchChromium(options: Omit<LaunchOptions, 'executablePath'> = {}): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    return Promise.reject(
      new ChromiumNotFoundError(
        `No Chromium at ${executablePath}: install Debian's chromium package (apt-get install chromium) or set CHROME_PATH`,
      ),
    );
  }
  return chromium.launch({
    headless: true,
    ...options,
    executablePath,
    args: [...chromiumArgs, ...(options.args ?? [])],
  });
}
