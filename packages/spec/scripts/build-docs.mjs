#!/usr/bin/env node
// npm run docs: builds the API reference, one self-contained HTML page, from openapi/koodrive-device.yaml
// into dist/docs/index.html (the dashboard's dev server serves it at /docs).
//
// `redocly build-docs --inlineBundle` embeds the Redoc scripts and styles; REDOCLY_TELEMETRY=off builds a page
// that sends no telemetry from readers' browsers; the Redocly logo, still a cdn.redoc.ly URL, is inlined
// (src/docs-offline.ts). The build fails if the page would load anything else from the network.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findExternalResources, inlineCdnAssets } from '../dist/docs-offline.js';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(packageDir, '..', '..');
const spec = join(repoRoot, 'openapi', 'koodrive-device.yaml');
const output = join(packageDir, 'dist', 'docs', 'index.html');
const redocly = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

const work = mkdtempSync(join(tmpdir(), 'koodrive-docs-'));
try {
  const raw = join(work, 'index.html');
  const result = spawnSync(
    process.execPath,
    [
      redocly,
      'build-docs',
      spec,
      '--inlineBundle',
      '--config',
      join(repoRoot, 'redocly.yaml'),
      '--title',
      'KooDrive bound devices API reference',
      // A one-operation API: show the device fields without a click.
      '--openapi.schemasExpansionLevel=all',
      '--output',
      raw,
    ],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    },
  );
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    console.error('docs: redocly build-docs failed on openapi/koodrive-device.yaml; see its output above.');
    process.exit(1);
  }
  const { html, replaced } = inlineCdnAssets(readFileSync(raw, 'utf8'));
  const external = findExternalResources(html);
  if (external.length > 0) {
    console.error(
      `docs: the page would load from the network, so it would not work offline:\n  ${external.join('\n  ')}`,
    );
    console.error('Inline these in src/docs-offline.ts (INLINE_ASSETS) or find the Redoc option that drops them.');
    process.exit(1);
  }
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, html);
  const size = Buffer.byteLength(html);
  console.log(
    `docs: ${relative(repoRoot, output)} (${(size / 1024).toFixed(0)} KiB, self-contained; inlined ${replaced.length} CDN asset(s)).`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
