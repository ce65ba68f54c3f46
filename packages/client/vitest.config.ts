import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      // Generated code is tested through the wrapper, never edited, and not ours to cover; test helpers are not product.
      exclude: ['src/generated/**', 'src/testing/**', 'src/**/*.test.ts'],
      reporter: ['text-summary', 'text'],
    },
  },
});
