import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** The size budget for a browser bundle importing createKooDriveClient, minified + gzip -9. */
export const BUNDLE_BUDGET_BYTES = 6000;

export interface BundleSize {
  minifiedBytes: number;
  gzippedBytes: number;
  /** Node built-ins the bundle imports (must be none: the browser path uses fetch only). */
  nodeImports: string[];
}

/**
 * Bundles `import { createKooDriveClient }` from the given entry (the package's dist or src) for the
 * browser with esbuild, minified, and gzips it at level 9 with node:zlib.
 */
export async function measureBundle(entry: string): Promise<BundleSize> {
  const result = await build({
    stdin: {
      contents: `import { createKooDriveClient } from ${JSON.stringify(entry)}; export { createKooDriveClient };`,
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const nodeImports = Object.values(result.metafile.inputs)
    .flatMap((input) => input.imports.map((i) => i.path))
    .filter((path) => path.startsWith('node:'));
  return { minifiedBytes: code.byteLength, gzippedBytes: gzipSync(code, { level: 9 }).byteLength, nodeImports };
}
