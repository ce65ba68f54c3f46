import { defineConfig } from 'vitest/config';

// Unit, component and Pact tests. The browser tests (e2e/*.e2e.ts) have their own config: vitest.e2e.config.ts.
export default defineConfig({
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}', 'server/**/*.test.ts'],
    setupFiles: ['src/testing/setup.ts'],
    env: { PACT_DO_NOT_TRACK: 'true' },
    // No wall-clock limit (the build test runs a full `vite build`, the Pact core starts a native mock server):
    // every test waits on an event or is bound by a count, so a machine four times slower gives the same verdicts.
    testTimeout: 0,
    hookTimeout: 0,
  },
});
