import { describe, expect, it } from 'vitest';
import { accessPolicy, isLoopbackHost } from '../../server/access/access-policy.js';
import { csrfKey, csrfToken, mintSession, SESSION_SECONDS, verifySession } from '../../server/access/admin-session.js';
import { sameSecret } from '../../server/access/same-secret.js';
import { clipRemoteText, maskVisitorIds, REMOTE_TEXT_MAX } from '../../server/status/mask.js';

const TOKEN = 'admin-token-0123456789';
const NOW = Date.UTC(2025, 0, 1);

describe('admin sessions (issue 15)', () => {
  it('accepts its own session until it expires, for its scope and token only', () => {
    const session = mintSession(TOKEN, '', NOW);
    expect(session).not.toContain(TOKEN);
    expect(verifySession(TOKEN, '', session, NOW + 1000)).toBe(true);
    expect(verifySession(TOKEN, '', session, NOW + SESSION_SECONDS * 1000)).toBe(false);
    expect(verifySession(TOKEN, '/tenants/acme', session, NOW)).toBe(false);
    // Rotating ADMIN_TOKEN ends every session.
    expect(verifySession('rotated-admin-token-0123', '', session, NOW)).toBe(false);
    const [exp, nonce, mac] = session.split('.');
    expect(verifySession(TOKEN, '', `${Number(exp) + 3600}.${nonce}.${mac}`, NOW)).toBe(false);
    expect(verifySession(TOKEN, '', `${exp}.${nonce}.${mac!.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))}`, NOW)).toBe(false);
    expect(verifySession(TOKEN, '', TOKEN, NOW)).toBe(false);
    expect(mintSession(TOKEN, '', NOW)).not.toBe(session);
  });

  it('derives a CSRF token per session, unguessable without the token', () => {
    const a = mintSession(TOKEN, '', NOW);
    const b = mintSession(TOKEN, '', NOW);
    expect(csrfToken(csrfKey(TOKEN), a)).not.toBe(csrfToken(csrfKey(TOKEN), b));
    expect(csrfToken(csrfKey(TOKEN), a)).not.toBe(csrfToken(csrfKey('another-admin-token-0123'), a));
    expect(csrfToken(csrfKey(undefined), 'open')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('compares secrets of any length without throwing', () => {
    expect(sameSecret(TOKEN, TOKEN)).toBe(true);
    expect(sameSecret(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(sameSecret('', TOKEN)).toBe(false);
  });
});

describe('who may open the operations pages', () => {
  it('leaves only the sandbox on loopback open', () => {
    expect(accessPolicy({ mode: 'sandbox', HOST: '127.0.0.1', ADMIN_TOKEN: undefined, METRICS_TOKEN: undefined }).open).toBe(true);
    expect(accessPolicy({ mode: 'sandbox', HOST: '0.0.0.0', ADMIN_TOKEN: undefined, METRICS_TOKEN: undefined }).open).toBe(false);
    expect(accessPolicy({ mode: 'production', HOST: '127.0.0.1', ADMIN_TOKEN: TOKEN, METRICS_TOKEN: undefined }).open).toBe(false);
    expect(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '192.168.1.2', 'example.com', '127.0.0.1.example.com'].some(isLoopbackHost)).toBe(false);
  });
});

describe('what the dashboard shows of credentials and remote texts', () => {
  it('masks visitor ids to 4 characters and cuts remote texts', () => {
    expect(maskVisitorIds('collect 3f2b9c1e-8a7d-4e6f-9b0a-1c2d3e4f5a6b failed')).toBe('collect 3f2b… failed');
    expect(maskVisitorIds('order 12345')).toBe('order 12345');
    const long = clipRemoteText(`Ometria said: ${'x'.repeat(1000)}`);
    expect(long).toHaveLength(REMOTE_TEXT_MAX);
    expect(long.endsWith('…')).toBe(true);
  });
});
