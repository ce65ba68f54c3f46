import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The Pact core phones home unless told not to.
    env: { PACT_DO_NOT_TRACK: 'true' },
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Pact's mock server and verifier start native servers, which a busy machine makes slow: no wall-clock
    // limit; each test waits on what it started, and X-Dates are checked against the run's own start and end.
    testTimeout: 0,
    hookTimeout: 0,
  },
});
