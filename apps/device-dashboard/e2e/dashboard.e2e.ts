import { existsSync, writeFileSync } from 'node:fs';
import { referenceDevices, scenarioNames } from '@koodrive-device/mocks';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { specDocsFile } from '../server/docs-route.js';
import { artifactPath, launchChromium, startPreview } from './support.js';

let browser: Browser;
let server: PreviewServer;
let baseUrl: string;
let context: BrowserContext | undefined;
const metrics: Record<string, number> = {};

beforeAll(async () => {
  ({ url: baseUrl, server } = await startPreview());
  browser = await launchChromium();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (Object.keys(metrics).length > 0) {
    writeFileSync(artifactPath('metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
    console.info(`device-dashboard e2e metrics: ${JSON.stringify(metrics)}`);
  }
});

async function open(path = '/', viewport = { width: 1280, height: 800 }): Promise<{ page: Page; errors: string[] }> {
  context = await browser.newContext({ viewport, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${baseUrl}${path}`);
  return { page, errors };
}

/** Milliseconds from navigation start to the first devices on screen (the page's `devices-shown` mark). */
async function timeToData(page: Page): Promise<number> {
  await page.waitForFunction(() => performance.getEntriesByName('devices-shown').length > 0);
  return page.evaluate(() => Math.round(performance.getEntriesByName('devices-shown')[0]?.startTime ?? -1));
}

const deviceRow = (page: Page, name: string) => page.getByRole('row', { name: new RegExp(name) });

describe('device dashboard in Chromium (demo mode, built app)', () => {
  it('shows the two reference devices of the demo account', async () => {
    const { page, errors } = await open();
    for (const device of referenceDevices) {
      const row = deviceRow(page, device.deviceName);
      await row.waitFor();
      expect(await row.getByText(device.deviceId, { exact: true }).isVisible()).toBe(true);
      expect(await row.getByText(device.machineCode, { exact: true }).isVisible()).toBe(true);
      expect(await row.getByText('Android').isVisible()).toBe(true);
      expect(await row.locator('time').getAttribute('datetime')).toBe(device.createTime);
    }
    expect(await page.getByText('2 devices', { exact: true }).isVisible()).toBe(true);
    metrics.timeToDataFirstVisitMs = await timeToData(page);
    await page.reload();
    await deviceRow(page, 'Magic v3').waitFor();
    metrics.timeToDataReloadMs = await timeToData(page);
    await page.screenshot({ path: artifactPath('desktop-devices.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('is usable 390 px wide: no sideways scrolling, every field visible', async () => {
    const { page } = await open('/', { width: 390, height: 844 });
    await deviceRow(page, 'Magic-v5').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const device of referenceDevices) {
      const row = deviceRow(page, device.deviceName);
      expect(await row.getByText(device.deviceId, { exact: true }).isVisible()).toBe(true);
      expect(await row.getByRole('button', { name: /^Copy device ID/ }).isVisible()).toBe(true);
    }
    expect(await page.getByRole('button', { name: /^Device name/ }).isVisible()).toBe(true);
    expect(await page.getByRole('combobox', { name: 'Mock scenario' }).isVisible()).toBe(true);
    await page.screenshot({ path: artifactPath('phone-390-devices.png'), fullPage: true });
  });

  it('shows the empty state when the scenario switcher picks "empty"', async () => {
    const { page } = await open();
    await deviceRow(page, 'Magic v3').waitFor();
    await page.getByRole('combobox', { name: 'Mock scenario' }).selectOption('empty');
    await page.getByRole('heading', { name: 'No devices are bound to this account' }).waitFor();
    expect(new URL(page.url()).searchParams.get('scenario')).toBe('empty');
    await page.screenshot({ path: artifactPath('desktop-empty.png') });
  });

  it('explains an error in plain words, and Retry loads the devices once the server recovers', async () => {
    const { page } = await open('/?scenario=unauthorized');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Your access token was not accepted');
    await page.screenshot({ path: artifactPath('desktop-error.png') });

    // The server "recovers": the demo's scenario, switched from the console as the README shows.
    await page.evaluate(() => window.koodriveDemo?.scenario.set('normal'));
    await alert.getByRole('button', { name: 'Retry' }).click();
    await deviceRow(page, 'Magic v3').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('switches through every mock scenario and shows its state', async () => {
    const { page } = await open();
    await deviceRow(page, 'Magic v3').waitFor();
    const switcher = page.getByRole('combobox', { name: 'Mock scenario' });
    const errorStates = new Set([
      'envelope-error',
      'unauthorized',
      'server-error',
      'unavailable',
      'rate-limited',
      'malformed',
    ]);
    for (const name of scenarioNames) {
      await switcher.selectOption(name);
      if (name === 'slow') {
        await page.getByRole('table', { name: 'Loading devices' }).waitFor();
        await page.screenshot({ path: artifactPath('desktop-loading.png') });
        await deviceRow(page, 'Magic v3').waitFor();
      } else if (name === 'empty') {
        await page.getByText('No devices are bound to this account').waitFor();
      } else if (errorStates.has(name)) {
        await page.getByRole('alert').waitFor({ timeout: 10_000 });
        expect(await page.getByRole('button', { name: 'Retry' }).isVisible()).toBe(true);
      } else {
        await deviceRow(page, 'Magic-v5').waitFor();
      }
    }
    expect(scenarioNames.length).toBe(9);
  });

  it('copies a device ID to the clipboard with one click', async () => {
    const { page } = await open();
    await context?.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    const id = referenceDevices[0]?.deviceId ?? '';
    await page.getByRole('button', { name: `Copy device ID ${id} of Magic v3` }).click();
    await page.getByText('Device ID copied').waitFor({ state: 'attached' });
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(id);
  });

  it('can be used with the keyboard: Tab reaches the sort buttons, focus is visible, Enter sorts', async () => {
    const { page } = await open();
    await deviceRow(page, 'Magic v3').waitFor();
    let label = '';
    for (let presses = 0; presses < 15 && !label.startsWith('Device name'); presses++) {
      await page.keyboard.press('Tab');
      label = await page.evaluate(() => document.activeElement?.textContent ?? '');
    }
    expect(label.startsWith('Device name')).toBe(true);
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
    });
    expect(outline.style).not.toBe('none');
    expect(outline.width).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Enter');
    const header = page.getByRole('columnheader', { name: /^Device name/ });
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const names = await page.locator('tbody th[scope="row"]').allTextContents();
    expect(names).toEqual(['Magic v3', 'Magic-v5']);
    await page.screenshot({ path: artifactPath('desktop-keyboard-focus.png') });
  });

  it('serves the API reference at /docs (or says how to build it)', async () => {
    const response = await fetch(`${baseUrl}/docs`);
    const docs = specDocsFile();
    if (docs !== undefined && existsSync(docs)) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
    } else {
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('npm run docs');
    }
  });
});
