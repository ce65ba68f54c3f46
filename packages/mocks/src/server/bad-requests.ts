import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { errorAnswer, type MockAnswer, methodNotAllowedAnswer } from '../envelope.js';
import type { CompiledSpec } from '../spec.js';

/** A whole HTTP/1.1 answer, for sockets node:http hands over unparsed; the connection closes after it. */
function rawAnswer(answer: MockAnswer): string {
  const lines = Object.entries(answer.headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return (
    `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\n${lines.join('')}` +
    `Content-Length: ${Buffer.byteLength(answer.body)}\r\nConnection: close\r\n\r\n${answer.body}`
  );
}

/**
 * For the server's `clientError`: a request node:http cannot parse (garbage, headers over its 16 KiB limit) still
 * gets an envelope, 431 or 400.
 */
export function answerUnparsable(error: Error & { code?: string }, socket: Socket, date: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(rawAnswer(errorAnswer(error.code === 'HPE_HEADER_OVERFLOW' ? 'headersTooLarge' : 'unparsable', date)));
}

/**
 * For the server's `connect` (a tunnel request, which node:http hands to this event instead of the request
 * handler): an envelope and a closed connection, never a dropped socket.
 */
export function answerConnect(req: IncomingMessage, socket: Socket, date: string, spec: CompiledSpec): void {
  const target = req.url ?? '';
  const pathname = target.split('?', 1)[0] ?? '';
  let answer: MockAnswer;
  if (!target.startsWith('/')) answer = errorAnswer('targetNotPath', date);
  else {
    const match = spec.match(pathname);
    if (match !== undefined) answer = methodNotAllowedAnswer(match.route.allow, date);
    else answer = errorAnswer('notFound', date, { detail: `CONNECT ${pathname}` });
  }
  socket.on('error', () => socket.destroy());
  socket.end(rawAnswer(answer));
}
