// Build step: ships the OpenAPI document in the package (dist/openapi/), so `@koodrive-device/contracts/spec-check`
// checks a team's pacts outside this repository against the spec this version was built from.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = resolve(packageRoot, 'dist/openapi/koodrive-device.yaml');
mkdirSync(dirname(target), { recursive: true });
copyFileSync(resolve(packageRoot, '../../openapi/koodrive-device.yaml'), target);
