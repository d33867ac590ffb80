import { describe, expect, it } from 'vitest';
import { createUrlRules, withAllowedUrls } from '../../server/collect/url-rules.js';
import { trackerEvent } from './tracker-batch.js';

const rules = createUrlRules({
  origins: ['https://shop.example.com', 'http://127.0.0.1:4000'],
  hosts: ['cdn.example.net', '*.img.example.org'],
  allowLoopback: false,
});

describe('URL rules for tracker events', () => {
  it("allows https on the origins' hosts and the listed hosts, whatever the port", () => {
    for (const url of [
      'https://shop.example.com/basket/1',
      'https://shop.example.com:8443/x',
      'https://cdn.example.net/a.png',
      'https://eu.img.example.org/b.jpg',
      'http://127.0.0.1:9999/basket',
    ]) {
      expect(rules(url), url).toBeUndefined();
    }
  });

  it('refuses other schemes, plain http off loopback, foreign hosts, credentials and junk', () => {
    expect(rules('javascript:alert(document.cookie)')).toBe('scheme');
    expect(rules('data:text/html,<script>1</script>')).toBe('scheme');
    expect(rules('http://shop.example.com/basket')).toBe('scheme');
    expect(rules('https://evil.example.net/basket')).toBe('host');
    expect(rules('https://shop.example.com.evil.example.net/')).toBe('host');
    expect(rules('https://img.example.org/')).toBe('host'); // *.img.example.org is its subdomains only
    expect(rules('https://localhost/x')).toBe('host');
    expect(rules('https://shop.example.com@evil.example.net/')).toBe('malformed');
    expect(rules('/relative/path')).toBe('malformed');
  });

  it('allows loopback hosts unlisted only where told (the sandbox)', () => {
    const sandbox = createUrlRules({ origins: [], hosts: [], allowLoopback: true });
    expect(sandbox('http://localhost:8080/storefront')).toBeUndefined();
    expect(sandbox('http://[::1]:8080/x')).toBeUndefined();
    expect(sandbox('https://shop.example.com/')).toBe('host');
  });

  it('takes refused URLs out of an event and keeps the rest, counting each reason', () => {
    const reasons: string[] = [];
    const event = trackerEvent(
      'basket',
      {
        id: 's1',
        currency: 'GBP',
        total: 1,
        url: 'javascript:alert(1)',
        lines: [
          { sku: 'A1', quantity: 1, unitPrice: 1, url: 'https://evil.example.net/p', imageUrl: 'https://cdn.example.net/a.png' },
          { sku: 'B2', quantity: 1, unitPrice: 1, url: 'https://shop.example.com/p/b', imageUrl: 'http://cdn.example.net/b.png' },
        ],
      },
      { url: 'https://evil.example.net/page' },
    );
    const safe = withAllowedUrls(event, rules, (r) => reasons.push(r));
    expect(safe.url).toBe('');
    expect(safe.type === 'basket' && safe.data).toEqual({
      id: 's1',
      currency: 'GBP',
      total: 1,
      url: '',
      lines: [
        { sku: 'A1', quantity: 1, unitPrice: 1, imageUrl: 'https://cdn.example.net/a.png' },
        { sku: 'B2', quantity: 1, unitPrice: 1, url: 'https://shop.example.com/p/b' },
      ],
    });
    expect(reasons.sort()).toEqual(['host', 'host', 'scheme', 'scheme']);
    expect(event.url).toBe('https://evil.example.net/page'); // pure: the input is untouched
  });
});
