// Opens dist/docs/index.html (built by `npm run docs`, which test:e2e runs first) in headless Chromium.
import { e2eConfig } from '../../vitest.e2e.shared.js';

export default e2eConfig();
