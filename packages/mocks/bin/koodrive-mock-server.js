#!/usr/bin/env node
// The `koodrive-mock-server` bin. npm links bins when it installs, and in a fresh clone that is before
// `npm run build` has made dist/: a bin pointing into dist/ would not be linked, and `npx koodrive-mock-server`
// would then ask the public registry for a package of that name. This file is committed, so the link always
// exists; it runs the built server, or says how to build it.
import { existsSync } from 'node:fs';

const built = new URL('../dist/bin/koodrive-mock-server.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write(
    'koodrive-mock-server: @koodrive-device/mocks is not built yet; run `npm run build` at the repository root.\n',
  );
  process.exit(1);
}
await import(built.href);
