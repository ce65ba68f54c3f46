import type { IncomingMessage, ServerResponse } from 'node:http';

/** A connect middleware, as Vite's dev and preview servers take them. */
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** The request's path without its query string. */
export function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0] ?? '/';
}
