/**
 * Caps of the /collect wire format: the same as shared/schemas/tracker-events.ts (a test asserts they agree; the
 * tracker cannot import zod).
 */

/** Characters per string value, including the page URL. */
export const MAX_STRING = 512;
/** Lines of a basket, SKUs of a collection view. */
export const MAX_LINES = 100;
/** Events per request. */
export const MAX_EVENTS = 50;
/** Request body, bytes: under the 64 KB keepalive / sendBeacon quota with room for headers. */
export const MAX_BODY = 60000;
