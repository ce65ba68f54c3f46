import { referenceDevices } from '@koodrive-device/mocks';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDemoHarness } from './testing/render-app.js';

const { demo, server, renderApp } = createDemoHarness();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  demo.scenario.reset();
  window.history.replaceState(null, '', '/');
});
afterAll(() => server.close());

/** The body rows' device names, top to bottom. */
function shownNames(): string[] {
  const table = screen.getByRole('table');
  const [, ...rows] = within(table).getAllByRole('row');
  return rows.map((row) => within(row).getByRole('rowheader').textContent ?? '');
}

function text(element: Element): string {
  return element.textContent ?? '';
}

function selectedValue(element: Element): string {
  return (element as HTMLSelectElement).value;
}

async function findDeviceTable() {
  return screen.findByRole('table', { name: /devices bound to this account/i });
}

describe('device dashboard (demo mode)', () => {
  it('shows a loading skeleton and a status message until the devices arrive', async () => {
    demo.scenario.set('slow');
    renderApp();
    expect(text(screen.getByRole('status'))).toContain('Loading devices…');
    const skeleton = screen.getByRole('table', { name: 'Loading devices' });
    expect(skeleton.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Reload' }).disabled).toBe(true);
    await findDeviceTable();
    expect(screen.queryByRole('table', { name: 'Loading devices' })).toBeNull();
  });

  it('lists the two reference devices with OS, machine code, local and relative bound date and exact ID', async () => {
    renderApp();
    const table = await findDeviceTable();
    expect(screen.getByText('2 devices')).toBeTruthy();
    for (const column of ['Device name', 'OS', 'Machine code', 'Bound', 'Device ID']) {
      expect(within(table).getByRole('columnheader', { name: new RegExp(`^${column}`) })).toBeTruthy();
    }
    const v3 = within(table).getByRole('row', { name: /Magic v3/ });
    expect(within(v3).getByText('Android')).toBeTruthy();
    expect(within(v3).getByText('20250911')).toBeTruthy();
    expect(within(v3).getByText('Sep 15, 2025, 6:14 AM').getAttribute('datetime')).toBe('2025-09-15T06:14:48.630Z');
    expect(within(v3).getByText('3 months ago')).toBeTruthy();
    expect(within(v3).getByText('1775406005920779393')).toBeTruthy();

    const v5 = within(table).getByRole('row', { name: /Magic-v5/ });
    expect(within(v5).getByText('Dec 17, 2025, 6:19 AM')).toBeTruthy();
    expect(within(v5).getByText('3 days ago')).toBeTruthy();
    // 19 digits, above 2^53: shown exactly as sent, not rounded through a number.
    expect(within(v5).getByText(referenceDevices[1]?.deviceId ?? '')).toBeTruthy();
    expect(within(v5).queryByText(String(Number(referenceDevices[1]?.deviceId)))).toBeNull();
  });

  it('sorts by bound date (newest first) and by name, from the column headers, with the keyboard too', async () => {
    const user = userEvent.setup();
    renderApp();
    await findDeviceTable();
    const boundHeader = screen.getByRole('columnheader', { name: /^Bound/ });
    const nameHeader = screen.getByRole('columnheader', { name: /^Device name/ });
    expect(boundHeader.getAttribute('aria-sort')).toBe('descending');
    expect(shownNames()).toEqual(['Magic-v5', 'Magic v3']);

    await user.click(within(boundHeader).getByRole('button'));
    expect(boundHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(shownNames()).toEqual(['Magic v3', 'Magic-v5']);

    within(nameHeader).getByRole('button').focus();
    await user.keyboard('{Enter}');
    expect(nameHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(boundHeader.getAttribute('aria-sort')).toBe('none');
    expect(shownNames()).toEqual(['Magic v3', 'Magic-v5']);
    await user.keyboard(' ');
    expect(nameHeader.getAttribute('aria-sort')).toBe('descending');
    expect(shownNames()).toEqual(['Magic-v5', 'Magic v3']);
  });

  it('copies a device ID exactly with one click, says so, and says Copy again when its 2 s timer fires', async () => {
    const user = userEvent.setup();
    renderApp();
    await findDeviceTable();
    // The button's 2 s reset timer is held here and fired by the test: a busy machine cannot make "Copied"
    // vanish before it is read. Every other timer runs as usual.
    const held: Array<() => void> = [];
    const realSetTimeout = globalThis.setTimeout;
    const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((
      callback: () => void,
      ms?: number,
      ...rest: unknown[]
    ) => {
      if (ms !== 2000) return realSetTimeout(callback, ms, ...rest);
      held.push(callback);
      return realSetTimeout(() => {}, 0);
    }) as typeof setTimeout);
    try {
      const button = screen.getByRole('button', { name: 'Copy device ID 1842812272691451648 of Magic-v5' });
      await user.click(button);
      await expect(navigator.clipboard.readText()).resolves.toBe('1842812272691451648');
      expect(text(button)).toContain('Copied');
      expect(screen.getByText('Device ID copied')).toBeTruthy();
      expect(held).toHaveLength(1);
      act(() => held[0]?.());
      expect(text(button)).toBe('Copy');
    } finally {
      spy.mockRestore();
    }
  });

  it('says that no devices are bound to an account without devices', async () => {
    demo.scenario.set('empty');
    renderApp();
    expect(await screen.findByRole('heading', { name: 'No devices are bound to this account' })).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('explains a rejected access token in plain words, and Retry loads again', async () => {
    const user = userEvent.setup();
    demo.scenario.set('unauthorized');
    renderApp();
    const alert = await screen.findByRole('alert', {});
    expect(text(alert)).toContain('Your access token was not accepted: it has expired, been revoked or is missing.');
    expect(within(alert).getByText('401')).toBeTruthy();

    demo.scenario.set('normal');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await findDeviceTable();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Devices' }));
  });

  it('says the server is busy after the client has retried a 503 (and shows the retries while it waits)', async () => {
    demo.scenario.set('unavailable');
    renderApp();
    expect(await screen.findByText(/KooDrive is busy: trying again \(attempt 2 of 3\)/)).toBeTruthy();
    const alert = await screen.findByRole('alert', {});
    expect(text(alert)).toContain('KooDrive is busy or briefly unavailable.');
    expect(within(alert).getByText('503')).toBeTruthy();
    expect(within(alert).getByRole<HTMLButtonElement>('button', { name: 'Retry' }).disabled).toBe(false);
  });

  it('says there were too many requests after the client has retried a 429 of the rate-limited scenario', async () => {
    demo.scenario.set('rate-limited');
    renderApp();
    const alert = await screen.findByRole('alert');
    expect(text(alert)).toContain('Too many requests in a short time.');
    expect(within(alert).getByText('429')).toBeTruthy();
  });

  it.each([
    ['server-error', 'KooDrive ran into a problem on its side.'],
    ['envelope-error', 'KooDrive could not list your devices right now.'],
    ['malformed', "KooDrive sent an answer this page can't read."],
  ] as const)('explains the %s scenario as: %s', async (scenario, reason) => {
    demo.scenario.set(scenario);
    renderApp();
    const alert = await screen.findByRole('alert', {});
    expect(within(alert).getByText(reason)).toBeTruthy();
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it("says KooDrive can't be reached when the network fails", async () => {
    server.use(http.get('*/koodrive/ose/v1/backup/device', () => HttpResponse.error()));
    renderApp();
    const alert = await screen.findByRole('alert', {});
    expect(text(alert)).toContain("Can't reach KooDrive.");
  });

  it('switches the mock scenario from the labelled switcher, reloads, and keeps the choice in the URL', async () => {
    const user = userEvent.setup();
    renderApp();
    await findDeviceTable();
    const switcher = screen.getByRole('combobox', { name: 'Mock scenario' });
    expect(selectedValue(switcher)).toBe('normal');
    expect(screen.getByRole('combobox', { description: 'The demo account and its two reference devices.' })).toBe(
      switcher,
    );

    await user.selectOptions(switcher, 'empty');
    expect(await screen.findByText('No devices are bound to this account')).toBeTruthy();
    expect(window.location.search).toBe('?scenario=empty');

    await user.selectOptions(switcher, 'server-error');
    expect(text(await screen.findByRole('alert'))).toContain('KooDrive ran into a problem on its side.');

    await user.selectOptions(switcher, 'normal');
    await findDeviceTable();
    expect(window.location.search).toBe('');
  });

  it('shows a scenario set from the console in the switcher; Reload then uses it', async () => {
    const user = userEvent.setup();
    renderApp();
    await findDeviceTable();
    act(() => demo.scenario.set('empty'));
    expect(selectedValue(screen.getByRole('combobox', { name: 'Mock scenario' }))).toBe('empty');
    expect(screen.getByRole('table')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    expect(await screen.findByText('No devices are bound to this account')).toBeTruthy();
  });
});

describe('device dashboard (real mode)', () => {
  it('names the user and the API origin, and has no scenario switcher', async () => {
    const { connection } = createDemoHarness();
    renderApp({ connection, mode: { kind: 'real', userId: 'demo-user', apiOrigin: 'https://gateway.example.com' } });
    expect(screen.getByText('Live')).toBeTruthy();
    expect(screen.getByText('https://gateway.example.com')).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: 'Mock scenario' })).toBeNull();
    await findDeviceTable();
  });

  it('tells a real-mode user which variable to fix when the token is rejected', async () => {
    demo.scenario.set('unauthorized');
    renderApp({ mode: { kind: 'real', userId: 'demo-user', apiOrigin: 'https://gateway.example.com' } });
    expect(text(await screen.findByRole('alert', {}))).toContain(
      'restart the dashboard with KOODRIVE_ACCESS_TOKEN set to it',
    );
  });
});
