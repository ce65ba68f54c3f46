import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Runs against the built package (dist): `test:e2e` depends on `build`.
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
