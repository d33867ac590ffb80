import { createHmac, randomBytes } from 'node:crypto';
import { sameSecret } from './same-secret.js';

/** How long a dashboard login lasts, s: a working day; log in again after. */
export const SESSION_SECONDS = 12 * 3600;

const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest('hex');

/**
 * The session key is derived from ADMIN_TOKEN, so the cookie never holds the token and rotating the token ends
 * every session at once (the sessions are stateless: logging out clears the browser's cookie only).
 */
const sessionKey = (adminToken: string) => hmac(adminToken, 'centra-ometria admin session v1');

/**
 * A session value: `<expiry unix s>.<random nonce>.<HMAC of scope, expiry and nonce>`. `scope` is the app's mount
 * point ('' or /tenants/<id>), so a cookie minted for one tenant is no session of another sharing the token.
 */
export function mintSession(adminToken: string, scope: string, nowMs: number): string {
  const exp = Math.floor(nowMs / 1000) + SESSION_SECONDS;
  const nonce = randomBytes(16).toString('hex');
  return `${exp}.${nonce}.${hmac(sessionKey(adminToken), `${scope}|${exp}|${nonce}`)}`;
}

/** Whether `value` is an unexpired session minted with this token for this scope. */
export function verifySession(adminToken: string, scope: string, value: string, nowMs: number): boolean {
  const match = /^(\d{1,12})\.([0-9a-f]{32})\.([0-9a-f]{64})$/.exec(value);
  if (!match) return false;
  const [, exp, nonce, mac] = match;
  if (Number(exp) * 1000 <= nowMs) return false;
  return sameSecret(mac!, hmac(sessionKey(adminToken), `${scope}|${exp}|${nonce}`));
}

/**
 * The CSRF token of a session (synchronizer token, HMAC-derived: nothing stored). A page of another site cannot
 * read /status, so it cannot learn the token its forged form would need. `key` is ADMIN_TOKEN's session key, or
 * a per-process random key for the open sandbox, where the "session" is the constant 'open'.
 */
export function csrfToken(key: string, session: string): string {
  return hmac(key, `csrf|${session}`);
}

export function csrfKey(adminToken: string | undefined): string {
  return adminToken ? sessionKey(adminToken) : OPEN_CSRF_KEY;
}

const OPEN_CSRF_KEY = randomBytes(32).toString('hex');
