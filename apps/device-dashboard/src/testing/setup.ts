import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Testing Library only cleans up by itself when the test runner exposes global hooks; vitest does not by default.
afterEach(() => {
  if (typeof document !== 'undefined') cleanup();
});
