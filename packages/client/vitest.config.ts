import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // No time limit: every test waits on events and bounds its work by count, so its verdict never depends on
    // the machine's speed (a broken test hangs instead, and CI's own limit ends it).
    testTimeout: 0,
    hookTimeout: 0,
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
