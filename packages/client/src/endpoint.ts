// What the client, the mocks, the contracts and the app must agree on about KooDrive's endpoint, defined once
// here, the lowest package that needs them; the others import them from `@koodrive-device/client`.

/** The operation's path (`listBoundDevices`), as the spec has it: generated from it, never written by hand. */
export { listBoundDevicesPath as KOODRIVE_DEVICES_PATH } from './generated/operations.js';

/** KooDrive rejects an X-Date older than this, measured on its own clock (15 minutes, as the reference says). */
export const X_DATE_WINDOW_MS = 15 * 60 * 1000;

/**
 * What a bearer token looks like: printable ASCII without spaces, what RFC 6750's b64token (and more) and an HTTP
 * header need. `BEARER_TOKEN_CHARS` is the character class, for patterns built around it.
 */
export const BEARER_TOKEN_CHARS = '[\\x21-\\x7e]';
export const BEARER_TOKEN = new RegExp(`^${BEARER_TOKEN_CHARS}+$`);
