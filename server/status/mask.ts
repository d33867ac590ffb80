/**
 * What the operations pages may show of values that act as credentials or quote remote systems. A tracker
 * visitor id is a bearer credential of a shopper's browser (whoever holds it can post as that visitor), so
 * only its first 4 characters are shown: enough to tell two apart on one screen.
 */
const VISITOR_ID = /\b([0-9a-f]{4})[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/** Every UUID-shaped value (tracker visitor ids are UUIDs v4) cut to its first 4 characters and "…". */
export function maskVisitorIds(text: string): string {
  return text.replace(VISITOR_ID, '$1…');
}

/** Characters of a remote error body (Centra, Ometria) shown; the full text is in the logs, redacted. */
export const REMOTE_TEXT_MAX = 300;

/** A remote error as the dashboard shows it: visitor ids masked, cut to REMOTE_TEXT_MAX characters. */
export function clipRemoteText(text: string): string {
  const masked = maskVisitorIds(text);
  return masked.length <= REMOTE_TEXT_MAX ? masked : `${masked.slice(0, REMOTE_TEXT_MAX - 1)}…`;
}
