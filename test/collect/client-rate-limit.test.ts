import { describe, expect, it } from 'vitest';
import { createClientRateLimit } from '../../server/collect/client-rate-limit.js';

describe('createClientRateLimit', () => {
  it('lets a client make its quota of requests per minute, then says how long to wait', () => {
    const limited = createClientRateLimit(2);
    expect([limited('a', 0), limited('a', 1000), limited('a', 15_000)]).toEqual([0, 0, 45]);
  });

  it('counts each client on its own', () => {
    const limited = createClientRateLimit(1);
    expect([limited('a', 0), limited('b', 0), limited('a', 0)]).toEqual([0, 0, 60]);
  });

  it('starts a new window once the minute is over', () => {
    const limited = createClientRateLimit(1);
    limited('a', 0);
    expect(limited('a', 60_000)).toBe(0);
  });
});

describe('clientKey', () => {
  it('keys IPv4 (also IPv4-mapped IPv6) by address and IPv6 by its /64', async () => {
    const { clientKey } = await import('../../server/collect/client-rate-limit.js');
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey(undefined)).toBe('unknown');
  });
});
