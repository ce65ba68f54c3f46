import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // `npm test`: unit tests and the spec:diff verdicts (each runs `redocly diff`, about a second). The docs page's
    // browser test is `npm run test:e2e`.
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
