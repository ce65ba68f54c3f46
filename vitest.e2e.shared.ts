import { defineConfig, type ViteUserConfig } from 'vitest/config';

/**
 * The one browser-test (`npm run test:e2e`) config of every package: each package's `vitest.e2e.config.ts` is
 * `export default e2eConfig()`. The tests live in `e2e/` (`*.e2e.test.ts`, or `*.e2e.ts`), run in Node and drive
 * Debian's Chromium through `@koodrive-device/test-browser`, one file at a time (one browser on a shared
 * machine); turbo builds what they open first. Launching a browser or building a page is slow on a busy machine,
 * so the timeouts are generous: they catch a hang, they measure nothing.
 */
export function e2eConfig(): ViteUserConfig {
  return defineConfig({
    test: {
      environment: 'node',
      include: ['e2e/**/*.e2e.test.ts', 'e2e/**/*.e2e.ts'],
      fileParallelism: false,
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  });
}
