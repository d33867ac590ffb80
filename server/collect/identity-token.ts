import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed shopper identity (issue 15.1). The storefront's backend, which knows who is logged in, mints
 * `v1.<exp unix seconds>.<hex HMAC-SHA256(TRACKER_IDENTITY_SECRET, "<exp>.<lower-cased email>")>` and the page
 * passes it as `identify({ email, token })`. The companion then believes the email: nobody without the secret can
 * claim someone else's. The token names no customer id (see vet-identify.ts for how one is checked).
 * Limits: a token is a bearer credential for its email until `exp`; keep lifetimes short (hours, not months).
 */

const TOKEN = /^v1\.(\d{1,12})\.([0-9a-f]{64})$/;

export type TokenCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'expired' | 'bad signature' };

/** The email as signed: trimmed and lower-cased, as the server normalises identify (merge-identity.ts). */
const signedEmail = (email: string): string => email.trim().toLowerCase();

/** Hex HMAC of `<exp>.<email>`. */
function signature(secret: string, exp: number, email: string): string {
  return createHmac('sha256', secret)
    .update(`${exp}.${signedEmail(email)}`)
    .digest('hex');
}

/** What a storefront backend does (README, "Signed identity"); `exp` in Unix seconds. Tests use it too. */
export function mintIdentityToken(secret: string, email: string, exp: number): string {
  return `v1.${exp}.${signature(secret, exp, email)}`;
}

/** Checks a token against the claimed email at `nowMs`; timing-safe, so a guess learns nothing byte by byte. */
export function verifyIdentityToken(secret: string, token: string | undefined, email: string, nowMs: number): TokenCheck {
  if (!token) return { ok: false, reason: 'missing' };
  const m = TOKEN.exec(token);
  if (!m) return { ok: false, reason: 'malformed' };
  const exp = Number(m[1]);
  const expected = Buffer.from(signature(secret, exp, email), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(m[2]!, 'hex'))) return { ok: false, reason: 'bad signature' };
  // checked after the signature, so an expired token is only reported to whoever could mint it
  if (exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true };
}
