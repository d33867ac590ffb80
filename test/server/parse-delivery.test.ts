import { describe, expect, it } from 'vitest';
import { parseDelivery } from '../../server/http/parse-delivery.js';

const form = (payload: string) => Buffer.from(`payload=${encodeURIComponent(payload)}`);

describe('parseDelivery', () => {
  it('reads Integration API events, decoding + as a space', () => {
    const body = Buffer.from(
      'payload=%7B%22events%22%3A%5B%7B%22type%22%3A%22order%22%2C%22action%22%3A%22create%22%2C%22date%22%3A%222024-06-03+16%3A00%3A00.123456%22%2C%22id%22%3A14%7D%5D%7D',
    );
    expect(parseDelivery(body)).toEqual({ shape: 'integration', events: [{ type: 'order', action: 'create', entityId: '14' }] });
  });

  it('reads Checkout API and Storefront API id lists', () => {
    expect(parseDelivery(form('{"products":["1","6"],"categories":["1"]}')).events.map((e) => `${e.type}:${e.entityId}`)).toEqual([
      'checkout.products:1',
      'checkout.products:6',
      'checkout.categories:1',
    ]);
    expect(parseDelivery(form('{"DisplayItems":["1"]}'))).toMatchObject({ shape: 'storefront', events: [{ type: 'storefront.DisplayItems', entityId: '1' }] });
  });

  it('marks an event that does not fit the schema as invalid, keeping the rest', () => {
    const parsed = parseDelivery(form('{"events":[{"type":"order","id":14},{"type":"order","id":"fourteen"}]}'));
    expect(parsed.events[0]).toEqual({ type: 'order', action: null, entityId: '14' });
    expect(parsed.events[1]?.invalid).toMatch(/events\[1\]\.id/);
  });

  it.each([
    ['no payload field', Buffer.from('other=1'), /"payload" is missing/],
    ['payload that is not JSON', form('{nope'), /not valid JSON/],
    ['payload that is a JSON array', form('[1,2]'), /JSON object/],
    ['payload that is a JSON string', form('"x"'), /JSON object/],
  ])('throws a 400 for %s', (_name, body, message) => {
    expect(() => parseDelivery(body)).toThrow(message);
    try {
      parseDelivery(body);
    } catch (error) {
      expect((error as { status: number }).status).toBe(400);
    }
  });
});
