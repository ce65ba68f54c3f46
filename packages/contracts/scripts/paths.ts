import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Repository paths for this package's repo tooling (run by tsx from scripts/). The published code never
// looks outside its own package: see src/spec-check.ts for the spec it ships.
export const packageRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot: string = resolve(packageRoot, '../..');
/** Where every consumer pact of the repository goes (gitignored): `<repo>/pacts`. */
export const pactsDir: string = join(repoRoot, 'pacts');
/** The source of truth. */
export const specFile: string = join(repoRoot, 'openapi', 'koodrive-device.yaml');
