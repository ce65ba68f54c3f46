import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { launchChromium } from '@koodrive-device/test-browser';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const workerScript = readFileSync(require.resolve('msw/mockServiceWorker.js'), 'utf8');

/** The page: the built package's browser entry, as an app bundler would resolve it. */
const pageEntry = `
import { createKooDriveWorker } from '@koodrive-device/mocks/browser';
import { createScenarioController, formatXDate, KOODRIVE_DEVICES_PATH } from '@koodrive-device/mocks';
const scenario = createScenarioController();
const worker = createKooDriveWorker({ scenario });
window.mockReady = worker.start({ quiet: true, onUnhandledRequest: 'bypass' }).then(() => true);
window.setScenario = (next) => scenario.set(next);
window.callDevices = async (headers) => {
  const response = await fetch('/api' + KOODRIVE_DEVICES_PATH, { headers: headers ?? {
    Authorization: 'Bearer demo-token', 'X-User-Id': 'demo-user', 'X-Date': formatXDate(new Date()),
  } });
  return { status: response.status, date: response.headers.get('date'), text: await response.text() };
};
`;

interface Answer {
  status: number;
  date: string | null;
  text: string;
}

describe('@koodrive-device/mocks/browser in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const bundle = await build({
      stdin: { contents: pageEntry, resolveDir: import.meta.dirname, loader: 'js' },
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      logLevel: 'silent',
    });
    const script = bundle.outputFiles[0]?.text ?? '';
    server = createServer((req, res) => {
      if (req.url === '/mockServiceWorker.js') {
        res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(workerScript);
      } else if (req.url === '/app.js') {
        res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
      } else if (req.url === '/') {
        res
          .writeHead(200, { 'Content-Type': 'text/html' })
          .end('<!doctype html><script type="module" src="/app.js"></script>');
      } else {
        res.writeHead(599).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => 'mockReady' in window);
    await page.evaluate(() => (window as unknown as { mockReady: Promise<boolean> }).mockReady);
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  const callDevices = (headers?: Record<string, string>): Promise<Answer> =>
    page.evaluate(
      (h) => (window as unknown as { callDevices(h?: Record<string, string>): Promise<Answer> }).callDevices(h),
      headers,
    );

  it('answers the page fetch through the service worker with the reference devices', async () => {
    const answer = await callDevices();
    expect(answer.status).toBe(200);
    expect(answer.date).toMatch(/GMT$/);
    expect(JSON.parse(answer.text).data.map((d: { deviceId: string }) => d.deviceId)).toEqual([
      '1775406005920779393',
      '1842812272691451648',
    ]);
  });

  it('applies the request checks in the browser too', async () => {
    expect((await callDevices({ Authorization: 'Bearer demo-token' })).status).toBe(400);
  });

  it('switches scenario at run time from the page', async () => {
    await page.evaluate(() => (window as unknown as { setScenario(s: unknown): void }).setScenario('server-error'));
    expect((await callDevices()).status).toBe(500);
    await page.evaluate(() => (window as unknown as { setScenario(s: unknown): void }).setScenario('normal'));
    expect((await callDevices()).status).toBe(200);
  });
});
