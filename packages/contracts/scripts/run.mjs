// Runs one of this package's TypeScript scripts on Node 20 (which cannot run .ts): bundles it with esbuild
// (the repository's own devDependency; packages stay external) into .cache/scripts and imports the result.
// Usage: node scripts/run.mjs scripts/<script>.ts [args...]
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const [entry, ...args] = process.argv.slice(2);
if (entry === undefined) {
  console.error('usage: node scripts/run.mjs <script.ts> [args...]');
  process.exit(2);
}
const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = resolve(packageRoot, '.cache/scripts', basename(entry).replace(/\.ts$/, '.mjs'));
await build({
  entryPoints: [resolve(entry)],
  outfile,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
});
process.setSourceMapsEnabled(true);
process.env.PACT_DO_NOT_TRACK ??= 'true';
process.argv = [process.argv[0] ?? 'node', outfile, ...args];
await import(pathToFileURL(outfile).href);
