import { defineConfig } from 'vitest/config';

// Unit, component and Pact tests. The browser tests (e2e/*.e2e.ts) have their own config: vitest.e2e.config.ts.
export default defineConfig({
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}', 'server/**/*.test.ts'],
    setupFiles: ['src/testing/setup.ts'],
    env: { PACT_DO_NOT_TRACK: 'true' },
    // The build test runs a full `vite build`; the Pact core starts a native mock server.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
