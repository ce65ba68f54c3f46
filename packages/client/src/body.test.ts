import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, readBoundedText } from './body.js';

/** A streamed answer (no Content-Length) that hands over its bytes one chunk per byte. */
function byteByByte(text: string): Response {
  const bytes = new TextEncoder().encode(text);
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next < bytes.length) controller.enqueue(bytes.subarray(next, ++next));
      else controller.close();
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'application/json' } });
}

describe('readBoundedText on a streamed body', () => {
  it('keeps a character whose UTF-8 bytes arrive in different chunks', async () => {
    const text = '{"deviceName":"Magic 手机 📱","deviceOS":"harmonyOS ü"}';
    await expect(readBoundedText(byteByByte(text), 1024)).resolves.toBe(text);
  });

  it('counts the bound in bytes, not characters', async () => {
    const text = '"📱📱📱"'; // 5 characters of UTF-16 is 8 code units; 14 bytes of UTF-8
    await expect(readBoundedText(byteByByte(text), 14)).resolves.toBe(text);
    await expect(readBoundedText(byteByByte(text), 13)).rejects.toBeInstanceOf(BodyTooLargeError);
  });
});
