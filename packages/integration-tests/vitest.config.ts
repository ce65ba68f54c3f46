import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The regeneration test runs the generator (Java) and tsc on a scratch copy: bounded by work, not by a clock.
    testTimeout: 0,
    hookTimeout: 0,
  },
});
