import type { Plugin } from 'vite';
import { RUNTIME_CONFIG_PATH } from '../src/runtime-config.js';
import { buildDocsInBackground, type DocsBuild, docsMiddleware } from './docs-route.js';
import { type Middleware, pathOf } from './middleware.js';
import { type DashboardEnv, describeMode, koodriveProxy, readRealMode, runtimeConfigFor } from './real-mode.js';

export interface DashboardPluginOptions {
  /** Where the credentials come from (vite.config.ts passes `loadEnv(mode, root, 'KOODRIVE_')`). */
  env: DashboardEnv;
  /** The API reference page (default: resolved through `@koodrive-device/spec`). */
  docsFile?: () => string | undefined;
  /** Built in the background once the dev server listens (`npm start`); not by `vite preview`. */
  docsBuild?: DocsBuild;
}

/**
 * The server side of the dashboard, for both `vite` (dev) and `vite preview`: `/dashboard-config.json` (the
 * mode, answered at run time so one build works in both modes and no credential is baked in), the real-mode
 * proxy (`real-mode.ts`) and `/docs` (`docs-route.ts`).
 */
export function dashboardPlugin(options: DashboardPluginOptions): Plugin {
  const settings = readRealMode(options.env);
  const configBody = JSON.stringify(runtimeConfigFor(settings));
  const runtimeConfig: Middleware = (req, res, next) => {
    if (pathOf(req) !== RUNTIME_CONFIG_PATH) {
      next();
      return;
    }
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end(configBody);
  };
  const docs = docsMiddleware(options.docsFile);
  const proxy = settings === undefined ? undefined : koodriveProxy(settings);

  return {
    name: 'device-dashboard',
    config: () => (proxy === undefined ? undefined : { server: { proxy }, preview: { proxy } }),
    configureServer(server) {
      server.middlewares.use(runtimeConfig);
      server.middlewares.use(docs);
      server.httpServer?.once('listening', () => {
        const { logger } = server.config;
        logger.info(`  device-dashboard: ${describeMode(settings, server.config.server.host)}`);
        if (options.docsBuild === undefined) return;
        const docsUrl = () => `${server.resolvedUrls?.local[0] ?? '/'}docs`;
        // After Vite prints its URL (this hook runs first): the dashboard is usable while the reference builds.
        setImmediate(() => {
          const child = buildDocsInBackground(options.docsBuild as DocsBuild, logger, docsUrl);
          server.httpServer?.once('close', () => child.kill());
        });
      });
    },
    configurePreviewServer(server) {
      server.middlewares.use(runtimeConfig);
      server.middlewares.use(docs);
      server.httpServer.once('listening', () => {
        server.config.logger.info(`  device-dashboard: ${describeMode(settings, server.config.preview.host)}`);
      });
    },
  };
}
