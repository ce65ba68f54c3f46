/** The default bound on a response body: far above any user's device list (about 45 000 devices of JSON). */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** The body grew past the bound; the read was cancelled. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`The response body is larger than maxResponseBytes (${maxBytes} bytes)`);
  }
}

/**
 * Reads a response body as UTF-8 text, at most `maxBytes` of it (decoded: fetch has already undone any
 * `Content-Encoding`, so a gzip bomb counts at its inflated size); past it {@link BodyTooLargeError} is thrown.
 * - A `Content-Length` past the bound, with no `Content-Encoding`, fails before anything is read.
 * - A `Content-Length` within the bound, with no `Content-Encoding`, already bounds the body (fetch ends the
 *   body there): it is read whole, in one `text()`, the fast path every ordinary answer takes.
 * - Otherwise (chunked, compressed) the bytes are counted as they stream in, and the read is cancelled past the
 *   bound.
 */
export async function readBoundedText(response: Response, maxBytes: number): Promise<string> {
  const body = response.body;
  if (body === null) return '';
  const length = response.headers.get('content-length');
  if (length !== null && !response.headers.has('content-encoding')) {
    const declared = Number(length);
    if (declared > maxBytes) {
      await body.cancel().catch(() => {});
      throw new BodyTooLargeError(maxBytes);
    }
    if (declared >= 0) {
      const text = await response.text();
      // A fetch of the caller's own that hands over more than it declared: fewer characters than bytes always.
      if (text.length > maxBytes) throw new BodyTooLargeError(maxBytes);
      return text;
    }
  }
  const reader = body.getReader();
  const decoder = new TextDecoder(); // one per body: it keeps a character split across two chunks
  let text = '';
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
}

/**
 * `JSON.parse`, but a failure never quotes the text (an echoed body may hold anything, the token included):
 * the SyntaxError says where parsing stopped, when the engine tells, and how long the body was.
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const position = errorPosition(error instanceof Error ? error.message : '', text);
    const where = position === undefined ? '' : ` at position ${position}`;
    throw new SyntaxError(`The body is not valid JSON${where} (${text.length} characters)`);
  }
}

/** Where `JSON.parse` stopped: from its message when it says, else found from the token it names (never quoted). */
function errorPosition(message: string, text: string): number | undefined {
  const stated = /position (\d+)/.exec(message)?.[1];
  if (stated !== undefined) return Number(stated);
  if (/end of JSON input/.test(message)) return text.length;
  const token = /Unexpected token '(.)'/u.exec(message)?.[1];
  if (token === undefined) return undefined;
  // V8 names the first character it could not read; find it outside string literals.
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === token) return index;
  }
  return undefined;
}
