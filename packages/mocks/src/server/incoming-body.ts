import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { MockRequestBody } from '../request-input.js';

/** Whether a request announces a body (`Content-Length` above 0, or `Transfer-Encoding`). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * The request's body, read only if the responder asks: bytes counted as they arrive, nothing kept past
 * `maxBytes`; past it the stream is paused (no more is read) and the answer closes the connection.
 */
export class IncomingBody implements MockRequestBody {
  started = false;
  overflowed = false;

  constructor(private readonly req: Readable) {}

  read(maxBytes: number): Promise<Uint8Array | undefined> {
    this.started = true;
    const req = this.req;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        req.off('data', onData);
        req.off('end', onEnd);
        req.off('error', onError);
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          done();
          req.pause();
          this.overflowed = true;
          chunks.length = 0;
          resolve(undefined);
          return;
        }
        chunks.push(chunk);
      };
      const onEnd = () => {
        done();
        resolve(Buffer.concat(chunks, size));
      };
      const onError = (error: Error) => {
        done();
        reject(error);
      };
      req.on('data', onData);
      req.on('end', onEnd);
      req.on('error', onError);
    });
  }
}
