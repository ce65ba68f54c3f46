import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium } from '@koodrive-device/test-browser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExternalResources } from '../src/docs-offline.js';
import { findOperation, loadSpecDocument } from '../src/spec-document.js';

const docsFile = fileURLToPath(new URL('../dist/docs/index.html', import.meta.url));

// What the page must show, read from the spec rather than restated.
const spec = loadSpecDocument();
const { path: operationPath, method, operation } = findOperation(spec, 'listBoundDevices');
const summary = (operation as { summary?: string }).summary ?? '';
const deviceFields = Object.keys(
  (spec.components.schemas.BoundDeviceEntity as { properties: Record<string, unknown> }).properties,
);

let html: string;
let server: Server;
let origin: string;
let browser: Browser;
/** Every request the server saw that was not for the page itself. */
const strayLoopbackRequests: string[] = [];

beforeAll(async () => {
  if (!existsSync(docsFile)) throw new Error(`${docsFile} is missing: run \`npm run docs\` first (test:e2e does).`);
  html = readFileSync(docsFile, 'utf8');
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/docs' || path === '/docs/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html);
      return;
    }
    if (path !== '/favicon.ico') strayLoopbackRequests.push(path);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/** A page that records (and blocks) every request leaving the machine, and every script error. */
async function offlinePage(): Promise<{ page: Page; external: string[]; errors: string[] }> {
  const page = await browser.newPage();
  const external: string[] = [];
  const errors: string[] = [];
  await page.route(
    (url) => !['data:', 'blob:', 'file:'].includes(url.protocol) && url.hostname !== '127.0.0.1',
    (route) => {
      external.push(route.request().url());
      return route.abort();
    },
  );
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, external, errors };
}

async function expectVisible(page: Page, text: string): Promise<void> {
  await page.getByText(text, { exact: true }).first().waitFor({ state: 'visible', timeout: 10_000 });
}

describe('the API reference page (dist/docs/index.html)', () => {
  it('names no external script, stylesheet, font or image, so it works offline', () => {
    expect(findExternalResources(html)).toEqual([]);
    expect(html).not.toMatch(/<script[^>]+\ssrc=/i);
    expect(html).not.toMatch(/<link[^>]+rel=["']?stylesheet/i);
    expect(html).not.toContain('cdn.redoc');
  });

  it('shows listBoundDevices and the five device fields at /docs, without a request off the machine', async () => {
    const { page, external, errors } = await offlinePage();
    await page.goto(`${origin}/docs`, { waitUntil: 'load' });
    await page.getByRole('link', { name: 'devices', exact: true }).first().click();
    await page
      .getByRole('link', { name: new RegExp(summary) })
      .first()
      .click();
    await expectVisible(page, summary);
    await expectVisible(page, operationPath);
    expect(deviceFields).toHaveLength(5);
    for (const field of deviceFields) await expectVisible(page, field);
    expect(page.url()).toBe(`${origin}/docs#/devices/listbounddevices`);
    expect({ external, errors, strayLoopbackRequests }).toEqual({
      external: [],
      errors: [],
      strayLoopbackRequests: [],
    });
    await page.close();
  });

  it('opens the operation from a deep link when loaded from file://', async () => {
    const { page, external, errors } = await offlinePage();
    await page.goto(`${pathToFileURL(docsFile).href}#/devices/listbounddevices`, { waitUntil: 'load' });
    await expectVisible(page, summary);
    await expect(page.getByText(method, { exact: true }).first().isVisible()).resolves.toBe(true);
    for (const field of deviceFields) await expectVisible(page, field);
    expect({ external, errors }).toEqual({ external: [], errors: [] });
    await page.close();
  });
});
