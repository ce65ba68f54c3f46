import { fileURLToPath } from 'node:url';

/** Where this repository's consumer tests write their pacts (gitignored): `<repo>/pacts`. */
export const pactsDir: string = fileURLToPath(new URL('../../../../pacts', import.meta.url));
