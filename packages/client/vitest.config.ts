import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // A safety net for a hung test, never a verdict: every test waits on events and bounds its work by count.
    testTimeout: 60_000,
    // `npm run test:types`: the *.test-d.ts files, checked by tsc with the package's own strict tsconfig.
    typecheck: { include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      // Generated code is tested through the wrapper, never edited, and not ours to cover; test helpers are not product.
      exclude: ['src/generated/**', 'src/testing/**', 'src/**/*.test.ts', 'src/**/*.test-d.ts'],
      reporter: ['text-summary', 'text'],
    },
  },
});
