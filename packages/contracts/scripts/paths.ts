import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = '@koodrive-device/contracts';

/** The folder of this package's package.json, found upwards (works from scripts/, src/ and the .cache bundle). */
function findPackageRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME
    ) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the ${PACKAGE_NAME} package above ${start}`);
    dir = parent;
  }
}

export const packageRoot: string = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
export const repoRoot: string = resolve(packageRoot, '../..');
/** Where every consumer pact of the repository goes (gitignored): `<repo>/pacts`. */
export const pactsDir: string = join(repoRoot, 'pacts');
/** The source of truth. */
export const specFile: string = join(repoRoot, 'openapi', 'koodrive-device.yaml');
