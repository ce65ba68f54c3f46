// Runs against the built package (dist): `test:e2e` depends on `build`.
import { e2eConfig } from '../../vitest.e2e.shared.js';

export default e2eConfig();
