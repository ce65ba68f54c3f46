#!/usr/bin/env node
// npm run spec:diff [-- --base <ref>]: the breaking-change gate on openapi/koodrive-device.yaml.
// A thin CLI over runSpecDiffCli in packages/spec/src/spec-diff.ts (tested there); see CONTRIBUTING.md.
// Base: --base <ref>, else env SPEC_DIFF_BASE, else the merge-base with origin/main, else HEAD~1; none: exit 0.
// Exit 0: no change, or every change covered by a changeset bumping @koodrive-device/client (major when
// breaking); 1: the gate failed; 2: bad input (unknown ref, malformed changeset, unparsable spec).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const specPackage = join(repoRoot, 'packages', 'spec');
const built = join(specPackage, 'dist', 'spec-diff.js');

if (!existsSync(built)) {
  // A fresh checkout before `npm run build`: compile @koodrive-device/spec once.
  const tsc = spawnSync(
    process.execPath,
    [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(specPackage, 'tsconfig.build.json')],
    { stdio: 'inherit' },
  );
  if (tsc.status !== 0) {
    console.error('spec:diff: could not build packages/spec (npm run build -w @koodrive-device/spec).');
    process.exit(2);
  }
}

const { runSpecDiffCli } = await import(pathToFileURL(built).href);
process.exitCode = await runSpecDiffCli({ repoRoot, argv: process.argv.slice(2) });
