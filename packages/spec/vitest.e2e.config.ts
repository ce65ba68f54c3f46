import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Opens dist/docs/index.html (built by `npm run docs`, which test:e2e runs first) in headless chromium.
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
