import { X_DATE_WINDOW_MS } from './endpoint.js';
import { formatXDate } from './x-date.js';

/**
 * How far behind the estimated server time the client signs. The learned offset is already a lower bound
 * (see {@link ServerClock.learn}); the margin covers a server that rounds its `Date` header instead of
 * truncating it, a local clock that steps forward between calls, and, before anything was learned, a
 * server clock a little behind ours.
 */
export const SIGNING_MARGIN_MS = 2000;

/** How much the offset must move for a 401 to count as the X-Date window's doing. */
export const MATERIAL_OFFSET_CHANGE_MS = 1000;

/**
 * The range of server times worth learning: an X-Date can only say years 0000-9999, and no server that answers
 * today is before 2000. A `Date` header outside it (year 10001, a negative year, 1970 from a broken clock) is
 * ignored, so one bad answer can never leave the client unable to sign; the next good one is learned as usual.
 */
export const PLAUSIBLE_FROM = Date.UTC(2000, 0, 1);
export const PLAUSIBLE_TO = Date.UTC(9999, 11, 31, 23, 59, 59);

/**
 * The server's clock as seen from this client: one offset, shared by every call of one client instance,
 * updated from the `Date` header of every answer (errors included).
 */
export class ServerClock {
  /** serverTime ≈ Date.now() + offsetMs, rounded down: never ahead of the server. */
  offsetMs = 0;
  #lastHeader: string | undefined;
  #lastParsed = Number.NaN;
  #lastSignedAt = Number.NaN;
  #lastXDate = '';

  /** The X-Date time (whole seconds, ms since epoch) to sign an attempt with now. */
  signingTime(offsetMs = this.offsetMs): number {
    return Math.floor((Date.now() + offsetMs - SIGNING_MARGIN_MS) / 1000) * 1000;
  }

  /** The `X-Date` text of a signing time (whole seconds): formatted once per second, not once per attempt. */
  xDate(signedAt: number): string {
    if (signedAt !== this.#lastSignedAt) {
      this.#lastSignedAt = signedAt;
      this.#lastXDate = formatXDate(new Date(signedAt));
    }
    return this.#lastXDate;
  }

  /**
   * Learns from a `Date` header read at local time `receivedAt` (when the answer's headers arrived).
   * The server wrote the header between our send and `receivedAt`, truncated to the second, so
   * `serverDate − receivedAt` is a lower bound on the true offset: signing with it is never in the
   * server's future, whatever the round trip took. Returns the header's time, or undefined without a plausible one.
   */
  learn(dateHeader: string | null, receivedAt: number): number | undefined {
    if (dateHeader === null) return undefined;
    // A server's Date changes once a second: the last one read is parsed once.
    if (dateHeader !== this.#lastHeader) {
      this.#lastHeader = dateHeader;
      this.#lastParsed = Date.parse(dateHeader);
    }
    const serverDate = this.#lastParsed;
    if (!(serverDate >= PLAUSIBLE_FROM && serverDate <= PLAUSIBLE_TO)) return undefined;
    this.offsetMs = serverDate - receivedAt;
    return serverDate;
  }
}

/**
 * True when a 401 is plausibly the X-Date window's doing: the signed time was after the server's clock
 * (as its `Date` header shows it) or more than 15 minutes before it.
 */
export function outsideWindow(signedAt: number, serverDate: number): boolean {
  return signedAt > serverDate || signedAt < serverDate + 1000 - X_DATE_WINDOW_MS;
}
