// The built app (vite preview, demo mode) in Debian's Chromium; turbo builds it first. Not part of `npm test`.
import { e2eConfig } from '../../vitest.e2e.shared.js';

export default e2eConfig();
