import { defineConfig } from 'vitest/config';

// Browser tests: the built app (vite preview, demo mode) in Debian's Chromium through playwright-core.
// Run after `npm run build` (`npm run test:e2e`; turbo builds first). Not part of `npm test`.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
