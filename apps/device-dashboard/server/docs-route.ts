import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Logger } from 'vite';
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

/** A command that builds the API reference page (vite.config.ts: `npm run docs` at the repository root). */
export interface DocsBuild {
  command: string;
  args: readonly string[];
  cwd: string;
}

/**
 * Runs the docs build once, in the background, so `npm start` shows the dashboard's URL without waiting for it
 * (turbo's cache makes a repeated build instant). Logs one line when it starts and one when it ends; a failure
 * logs the end of the build's output. Returns the child process, to stop it with the server.
 */
export function buildDocsInBackground(build: DocsBuild, logger: Logger, docsUrl: () => string): ChildProcess {
  logger.info(
    `  device-dashboard: building the API reference for /docs in the background (${build.command} ${build.args.join(' ')})`,
  );
  const child = spawn(build.command, [...build.args], { cwd: build.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('error', (error) => logger.warn(`  device-dashboard: could not build the API reference: ${error.message}`));
  child.on('exit', (code, signal) => {
    if (code === 0) {
      logger.info(`  device-dashboard: API reference ready at ${docsUrl()}`);
    } else if (signal === null) {
      const tail = output.join('').trim().split('\n').slice(-15).join('\n');
      logger.warn(`  device-dashboard: the API reference build failed (exit ${code}); /docs stays a 404:\n${tail}`);
    }
  });
  return child;
}
