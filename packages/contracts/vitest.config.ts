import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The Pact core phones home unless told not to.
    env: { PACT_DO_NOT_TRACK: 'true' },
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Pact's mock server and verifier start native servers: allow them time on a busy machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
