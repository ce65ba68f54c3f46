import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // `npm test`: unit tests and the spec:diff verdicts (each runs `redocly diff`, about a second). The docs page's
    // browser test is `npm run test:e2e`.
    include: ['src/**/*.test.ts'],
    // No wall-clock limit: each test is bound by its work, so a machine four times slower gives the same verdicts.
    testTimeout: 0,
    hookTimeout: 0,
  },
});
