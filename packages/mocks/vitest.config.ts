import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // `npm test`: unit, conformance, property and loopback-HTTP tests. The browser test is `npm run test:e2e`.
    include: ['src/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
