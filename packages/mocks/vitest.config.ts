import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // `npm test`: unit, conformance, property and loopback-HTTP tests. The browser test is `npm run test:e2e`.
    include: ['src/**/*.test.ts'],
    // No wall-clock limit: every test is bound by a count of work or waits on an event, so a machine that is
    // four times slower (24 busy loops on 2 cores) gives the same verdicts, only later.
    testTimeout: 0,
    hookTimeout: 0,
  },
});
