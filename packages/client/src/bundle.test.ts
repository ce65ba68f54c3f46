import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUNDLE_BUDGET_BYTES, measureBundle } from '../bench/size.js';

const entry = fileURLToPath(new URL('./index.ts', import.meta.url));

describe('the browser bundle', () => {
  it('imports no Node built-ins (fetch only)', async () => {
    const size = await measureBundle(entry);
    expect(size.nodeImports).toEqual([]);
  });

  it(`stays within ${BUNDLE_BUDGET_BYTES / 1000} kB minified + gzipped for createKooDriveClient`, async () => {
    const size = await measureBundle(entry);
    expect(size.gzippedBytes).toBeGreaterThan(500); // it really bundled the client
    expect(size.gzippedBytes).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
  });
});
