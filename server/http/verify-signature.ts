import { createHmac, timingSafeEqual } from 'node:crypto';

/** Why a signature was refused: the label of the failure counter on /metrics. */
export const SIGNATURE_FAILURES = ['missing', 'malformed', 'stale', 'future', 'mismatch'] as const;
export type SignatureFailure = (typeof SIGNATURE_FAILURES)[number];

/** `key` ("<t>.<v1>") names the signed delivery for replay protection. */
export type SignatureCheck = { ok: true; t: number; key: string } | { ok: false; code: SignatureFailure; reason: string };

/**
 * Centra's X-Centra-Signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "{t}.{raw body}">` (docs/design.md C2).
 * Verified over the raw bytes: re-encoding the form would change them.
 */
export function verifyCentraSignature(
  rawBody: Buffer,
  header: string | undefined,
  secret: string,
  toleranceSeconds: number,
  nowSeconds: number,
): SignatureCheck {
  if (!header) return { ok: false, code: 'missing', reason: 'missing X-Centra-Signature header' };
  const parts = new Map<string, string>();
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) parts.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const tText = parts.get('t') ?? '';
  const v1 = parts.get('v1') ?? '';
  if (!/^\d{1,12}$/.test(tText) || !/^[0-9a-fA-F]{64}$/.test(v1)) {
    return { ok: false, code: 'malformed', reason: 'malformed X-Centra-Signature header: expected t=<unix seconds>,v1=<64 hex characters>' };
  }
  const t = Number(tText);
  if (nowSeconds - t > toleranceSeconds) {
    return { ok: false, code: 'stale', reason: `stale signature timestamp: t=${t} is more than ${toleranceSeconds} s old` };
  }
  // A timestamp ahead of our clock by more than the tolerance would stay "fresh" for long after it: refused too.
  if (t - nowSeconds > toleranceSeconds) {
    return {
      ok: false,
      code: 'future',
      reason: `signature timestamp in the future: t=${t} is ${t - nowSeconds} s ahead of this server's clock (tolerance ${toleranceSeconds} s); check the clocks of this server and of Centra`,
    };
  }
  const expected = createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest();
  const given = Buffer.from(v1, 'hex');
  if (!timingSafeEqual(expected, given)) return { ok: false, code: 'mismatch', reason: 'signature does not match: check CENTRA_WEBHOOK_SECRET' };
  return { ok: true, t, key: `${t}.${v1.toLowerCase()}` };
}
