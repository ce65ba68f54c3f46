import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// `findBy*` and `waitFor` wait for what they look for (DOM mutations, polled), with no wall-clock limit of their
// own: the page's answer may take long on a busy machine, and that must not change a test's verdict. The
// largest delay a timer can hold (a larger one fires at once) stands for "no limit".
configure({ asyncUtilTimeout: 2_147_483_647 });

// Testing Library only cleans up by itself when the test runner exposes global hooks; vitest does not by default.
afterEach(() => {
  if (typeof document !== 'undefined') cleanup();
});
