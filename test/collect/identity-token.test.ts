import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mintIdentityToken, verifyIdentityToken } from '../../server/collect/identity-token.js';
import { vetIdentify } from '../../server/collect/vet-identify.js';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const NOW = Date.parse('2024-06-03T16:00:00Z');
const inAnHour = NOW / 1000 + 3600;

describe('identify tokens', () => {
  it('accepts a token minted for the email until it expires', () => {
    const token = mintIdentityToken(SECRET, 'ann@example.com', inAnHour);
    expect(token).toMatch(/^v1\.\d+\.[0-9a-f]{64}$/);
    expect(verifyIdentityToken(SECRET, token, 'ann@example.com', NOW)).toEqual({ ok: true });
    // the server normalises the claimed email as the backend does before signing
    expect(verifyIdentityToken(SECRET, token, ' Ann@Example.COM ', NOW)).toEqual({ ok: true });
  });

  it('matches the docs/security.md recipe byte for byte', () => {
    const mac = createHmac('sha256', SECRET).update(`${inAnHour}.ann@example.com`).digest('hex');
    expect(mintIdentityToken(SECRET, 'Ann@Example.com', inAnHour)).toBe(`v1.${inAnHour}.${mac}`);
  });

  it('refuses an expired token', () => {
    const token = mintIdentityToken(SECRET, 'ann@example.com', NOW / 1000 - 1);
    expect(verifyIdentityToken(SECRET, token, 'ann@example.com', NOW)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyIdentityToken(SECRET, mintIdentityToken(SECRET, 'ann@example.com', NOW / 1000), 'ann@example.com', NOW)).toMatchObject({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses a token a backend signed over the email without lower-casing it', () => {
    const mac = createHmac('sha256', SECRET).update(`${inAnHour}.Ann@Example.com`).digest('hex');
    expect(verifyIdentityToken(SECRET, `v1.${inAnHour}.${mac}`, 'Ann@Example.com', NOW)).toEqual({ ok: false, reason: 'bad signature' });
  });

  it('refuses a tampered token: another email, a later expiry, a changed signature, another secret', () => {
    const token = mintIdentityToken(SECRET, 'mallory@example.com', inAnHour);
    expect(verifyIdentityToken(SECRET, token, 'victim@example.com', NOW)).toMatchObject({ ok: false, reason: 'bad signature' });
    const [, , mac] = token.split('.');
    expect(verifyIdentityToken(SECRET, `v1.${inAnHour + 86_400}.${mac}`, 'mallory@example.com', NOW)).toMatchObject({ reason: 'bad signature' });
    const flipped = token.slice(0, -1) + (token.endsWith('0') ? '1' : '0');
    expect(verifyIdentityToken(SECRET, flipped, 'mallory@example.com', NOW)).toMatchObject({ reason: 'bad signature' });
    expect(verifyIdentityToken(`${SECRET}x`, token, 'mallory@example.com', NOW)).toMatchObject({ reason: 'bad signature' });
  });

  it('refuses a missing or malformed token', () => {
    expect(verifyIdentityToken(SECRET, undefined, 'ann@example.com', NOW)).toMatchObject({ reason: 'missing' });
    for (const bad of ['v2.1.ab', 'v1.abc.' + 'a'.repeat(64), `v1.${inAnHour}.${'A'.repeat(64)}`, `v1.${inAnHour}.${'a'.repeat(63)}`]) {
      expect(verifyIdentityToken(SECRET, bad, 'ann@example.com', NOW)).toMatchObject({ reason: 'malformed' });
    }
  });
});

describe('vetIdentify', () => {
  const keys = {
    forCustomer: async (id: number) => ({ 1001: 'c1001', 2002: 'c2002' })[id],
    forEmail: async (e: string) => ({ 'ann@example.com': 'c1001' })[e],
  };
  const signed = { policy: 'signed' as const, secret: SECRET, keys, now: NOW };
  const token = mintIdentityToken(SECRET, 'ann@example.com', inAnHour);

  it("keeps a customer id only when it is already the signed email's contact", async () => {
    expect(await vetIdentify({ email: 'ann@example.com', customerId: '1001', token }, signed)).toEqual({
      ok: true,
      data: { email: 'ann@example.com', customerId: '1001' },
    });
    expect(await vetIdentify({ email: 'ann@example.com', customerId: '2002', token }, signed)).toEqual({ ok: true, data: { email: 'ann@example.com' } });
    expect(await vetIdentify({ email: 'ann@example.com', customerId: '3003', token }, signed)).toEqual({ ok: true, data: { email: 'ann@example.com' } });
  });

  it('refuses unsigned claims when signing is required, and every claim when identity is not attributed', async () => {
    expect(await vetIdentify({ customerId: '1001' }, signed)).toMatchObject({ ok: false, code: 'unsigned' });
    expect(await vetIdentify({ email: 'ann@example.com' }, signed)).toMatchObject({ ok: false, code: 'unsigned' });
    expect(await vetIdentify({ customerId: '1001', token }, signed)).toMatchObject({ ok: false, code: 'no-email' });
    expect(await vetIdentify({ email: 'ann@example.com', token }, { ...signed, policy: 'not-attributed', secret: undefined })).toMatchObject({
      ok: false,
      code: 'not-attributed',
    });
  });

  it('believes unsigned claims only by opt-in, and still checks a token that is present', async () => {
    const open = { ...signed, policy: 'unsigned-accepted' as const };
    expect(await vetIdentify({ email: 'bob@example.com', customerId: '9' }, open)).toEqual({ ok: true, data: { email: 'bob@example.com', customerId: '9' } });
    expect(await vetIdentify({ email: 'bob@example.com', token }, open)).toMatchObject({ ok: false, code: 'token-bad-signature' });
  });
});
