import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { resolve } from 'node:path';
import type { Logger, PreviewServer, ViteDevServer } from 'vite';
import type { DashboardEnv } from '../real-mode.js';

/** Shared by the server tests: the app's root, a token that must never leave Node, and small HTTP helpers. */
export const appRoot = resolve(import.meta.dirname, '../..');
export const SECRET = 'kd_at_s3cretNeverInTheBrowser_5f1c0e';

export function realEnv(baseUrl: string, accessToken = 'demo-token'): DashboardEnv {
  return { KOODRIVE_BASE_URL: baseUrl, KOODRIVE_ACCESS_TOKEN: accessToken, KOODRIVE_USER_ID: 'demo-user' };
}

export function urlOf(server: ViteDevServer | PreviewServer): string {
  const url = server.resolvedUrls?.local[0];
  if (url === undefined) throw new Error('the server has no local URL');
  return url.replace(/\/$/, '');
}

/** What the fake gateway saw of one request. */
export interface Arrival {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
}

/** A Vite logger that keeps every line, so a test can check that no line carries the token. */
export function recordingLogger(lines: string[]): Logger {
  const keep = (msg: string) => {
    lines.push(msg);
  };
  return {
    info: keep,
    warn: keep,
    warnOnce: keep,
    error(msg, options) {
      lines.push(msg);
      if (options?.error !== undefined && options.error !== null) lines.push(String(options.error.stack));
    },
    clearScreen() {},
    hasErrorLogged: () => false,
    hasWarned: false,
  };
}

/** One raw HTTP request (node:http, so Origin and Sec-Fetch-Site can be set like a browser sets them). */
export function send(
  url: string,
  method: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
