import type { ServerResponse } from 'node:http';
import type { MockAnswer } from '../envelope.js';

/**
 * Writes an answer, with `cors` headers when given. A 204 or 304 has no body and no `Content-Length` (RFC 9110
 * sections 8.6, 15.3.5); a HEAD answer has the `Content-Length` its GET would have, and no body. While the server
 * is `closing`, the connection ends after this answer instead of waiting for the close's grace timer.
 */
export function writeAnswer(
  res: ServerResponse,
  answer: MockAnswer,
  cors: Readonly<Record<string, string>> | null,
  head: boolean,
  closing: boolean,
): void {
  const headers: Record<string, string> = cors === null ? { ...answer.headers } : { ...cors, ...answer.headers };
  if (closing) headers.Connection = 'close';
  if (answer.status === 204 || answer.status === 304) {
    res.writeHead(answer.status, headers);
    res.end();
    return;
  }
  headers['Content-Length'] = String(Buffer.byteLength(answer.body));
  res.writeHead(answer.status, headers);
  if (head) res.end();
  else res.end(answer.body);
}
