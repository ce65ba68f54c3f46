import type { HeaderReader } from '../request-checks.js';

/**
 * Headers read straight from node's `rawHeaders`, repeats joined with ", " as the Fetch `Headers` API joins
 * them (node's own `req.headers` keeps only the first `Authorization`, which would accept a repeated one).
 */
export class RawHeaderReader implements HeaderReader {
  constructor(private readonly raw: readonly string[]) {}

  get(name: string): string | null {
    const wanted = name.toLowerCase();
    let value: string | null = null;
    for (let i = 0; i + 1 < this.raw.length; i += 2) {
      const candidate = this.raw[i] as string;
      if (candidate.length === wanted.length && candidate.toLowerCase() === wanted) {
        const next = this.raw[i + 1] as string;
        value = value === null ? next : `${value}, ${next}`;
      }
    }
    return value;
  }
}
