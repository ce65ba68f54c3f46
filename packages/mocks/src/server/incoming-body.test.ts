import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { IncomingBody } from './incoming-body.js';

/** An endless body, 1 KiB per read, counting how many chunks were pulled from it. */
function endlessBody(): { stream: Readable; pulled: () => number } {
  let pulled = 0;
  const chunk = Buffer.alloc(1024, '[');
  const stream = new Readable({
    highWaterMark: 1024,
    read() {
      pulled += 1;
      this.push(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

describe('IncomingBody', () => {
  it('reads a body up to the bound whole', async () => {
    const body = new IncomingBody(Readable.from([Buffer.from('{"a"'), Buffer.from(':1}')]));
    expect(Buffer.from((await body.read(7)) ?? []).toString()).toBe('{"a":1}');
    expect(body.overflowed).toBe(false);
  });

  it('stops reading an endless body just past the bound and keeps none of it', async () => {
    const { stream, pulled } = endlessBody();
    const body = new IncomingBody(stream);
    expect(await body.read(64 * 1024)).toBeUndefined();
    expect(body.overflowed).toBe(true);
    const atOverflow = pulled();
    // The bound's 64 chunks, the one that crossed it, and what the stream buffers ahead (its highWaterMark).
    expect(atOverflow).toBeLessThanOrEqual(64 + 1 + 2);
    expect(stream.isPaused()).toBe(true);
    // Nothing reads on afterwards: let the event loop turn over a bounded number of times.
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(pulled()).toBe(atOverflow);
  });
});
