// One msw server per test file for the cross-package tests, recording what reached it through msw's own
// life-cycle events (no catch-all handler in front of the ones under test).
import type { HttpHandler } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

export const BASE_URL = 'https://gateway.test/prefix';

export interface SeenRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
}

/** Starts a msw server for the file; `requests` lists every request it intercepted, in order. */
export function useMockServer() {
  const requests: SeenRequest[] = [];
  const server = setupServer();
  server.events.on('request:start', ({ request }) => {
    requests.push({ url: request.url, method: request.method, headers: Object.fromEntries(request.headers) });
  });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    requests.length = 0;
  });
  afterAll(() => server.close());
  return {
    requests,
    use(...handlers: HttpHandler[]) {
      server.use(...handlers);
    },
  };
}

/** Settles a promise into a value, so fake-timer tests can advance time before awaiting it. */
export function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}
