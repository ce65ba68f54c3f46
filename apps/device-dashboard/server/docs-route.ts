import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Middleware, pathOf } from './middleware.js';

/**
 * `/docs`: the API reference that `npm run docs` builds into `packages/spec/dist/docs/index.html`, read on each
 * request (not copied), so a page built after the server started is served on the next reload.
 */

export const DOCS_PATHS: readonly string[] = ['/docs', '/docs/', '/docs/index.html'];

/** `packages/spec/dist/docs/index.html`, found through the workspace package `@koodrive-device/spec`. */
export function specDocsFile(): string | undefined {
  try {
    const specPackageJson = createRequire(import.meta.url).resolve('@koodrive-device/spec/package.json');
    return join(dirname(specPackageJson), 'dist', 'docs', 'index.html');
  } catch {
    return undefined;
  }
}

/** Serves the page at {@link DOCS_PATHS}; a 404 saying how to build it while it does not exist. */
export function docsMiddleware(docsFile: () => string | undefined = specDocsFile): Middleware {
  return (req, res, next) => {
    if (!DOCS_PATHS.includes(pathOf(req))) {
      next();
      return;
    }
    const file = docsFile();
    if (file !== undefined && existsSync(file)) {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Cache-Control', 'no-cache');
      res.end(readFileSync(file));
      return;
    }
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(
      'The API reference is not built yet: `npm start` builds it after the dashboard is up, or run ' +
        '`npm run docs` at the repository root. Then reload /docs.\n',
    );
  };
}
