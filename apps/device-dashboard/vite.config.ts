import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';
import { dashboardPlugin } from './server/dashboard-plugin.js';

// KOODRIVE_* come from the environment (or an untracked .env.local). They are read here, in Node, by the
// dashboard plugin only: Vite exposes nothing but VITE_* to the page, and this config defines nothing.
// `npm start` builds the API reference for /docs after the dev server is up (turbo-cached), not before.
const docsBuild = { command: 'npm', args: ['run', 'docs'], cwd: resolve(import.meta.dirname, '../..') };

export default defineConfig(({ mode }) => ({
  plugins: [react(), dashboardPlugin({ env: loadEnv(mode, import.meta.dirname, 'KOODRIVE_'), docsBuild })],
  build: {
    target: 'es2022',
    sourcemap: true,
    // Rolldown prints a [PLUGIN_TIMINGS] block whenever plugins take a noticeable share of a build, which on a busy
    // machine is every build; it is advice for plugin authors, not for the app.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
}));
