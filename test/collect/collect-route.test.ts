import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';
import { waitFor } from '../helpers/wait-for.js';
import { batchOf, postCollect, SHOP_ORIGIN, trackerEvent } from './tracker-batch.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    env: { TRACKER_ALLOWED_ORIGINS: `${SHOP_ORIGIN}, https://other.example.com`, COLLECT_MAX_BODY_BYTES: '4096', TRACKER_ACCEPT_UNSIGNED_IDENTITY: 'true' },
  });
});
afterAll(() => stack.close());

const url = () => stack.service.url;
const identified = () => trackerEvent('identify', { email: 'ann@example.com', customerId: '1001' });

describe('POST /collect: CORS', () => {
  it('answers a preflight from an allowed origin with the CORS headers', async () => {
    const res = await fetch(`${url()}/collect`, {
      method: 'OPTIONS',
      headers: { origin: SHOP_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
  });

  it('refuses an origin that is not allowed with 403, readable by the page so the tracker stops retrying', async () => {
    const reply = await postCollect(url(), batchOf([trackerEvent('checkout', {})]), { origin: 'https://evil.example.net' });
    expect(reply.status).toBe(403);
    expect(reply.headers.get('access-control-allow-origin')).toBe('https://evil.example.net');
    expect(reply.body.error).toMatch(/TRACKER_ALLOWED_ORIGINS/);
  });

  it('refuses a request without an Origin (browsers always send one on POST)', async () => {
    expect((await postCollect(url(), batchOf([trackerEvent('checkout', {})]), { origin: null })).status).toBe(403);
  });

  it("accepts the companion's own origin and every listed origin", async () => {
    for (const origin of [url(), 'https://other.example.com']) {
      const reply = await postCollect(url(), batchOf([trackerEvent('checkout', {})]), { origin });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('access-control-allow-origin')).toBe(origin);
    }
  });
});

describe('POST /collect: request checks', () => {
  it('refuses a body over COLLECT_MAX_BODY_BYTES with 413, still with CORS headers', async () => {
    const big = batchOf([trackerEvent('product_view', { sku: 'P1', name: 'x'.repeat(500) })]);
    big.events = Array.from({ length: 10 }, () => trackerEvent('product_view', { sku: 'P1', name: 'x'.repeat(500) }));
    const reply = await postCollect(url(), big);
    expect(reply.status).toBe(413);
    expect(reply.body.error).toMatch(/4096 bytes/);
    expect(reply.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
  });

  it('refuses a content type other than text/plain or JSON with 415', async () => {
    expect((await postCollect(url(), batchOf([trackerEvent('checkout', {})]), { contentType: 'application/x-www-form-urlencoded' })).status).toBe(415);
  });

  it('takes application/json as well as text/plain', async () => {
    expect((await postCollect(url(), batchOf([trackerEvent('checkout', {})]), { contentType: 'application/json' })).status).toBe(200);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const reply = await postCollect(url(), '{"v":1,');
    expect([reply.status, reply.body.error]).toEqual([400, 'body is not valid JSON']);
  });

  it('refuses a bad envelope with 400 and says what is wrong', async () => {
    const reply = await postCollect(url(), { ...batchOf([trackerEvent('checkout', {})]), visitorId: 'not-a-uuid' });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatch(/visitorId/);
  });

  it('serves the tracker bundle at /tracker.js', async () => {
    const res = await fetch(`${url()}/tracker.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(await res.text()).toContain('centraOmetria');
  });
});

describe('POST /collect: events', () => {
  it('rejects one bad event alone and keeps the others', async () => {
    const good = [identified(), trackerEvent('product_view', { sku: 'P10001BLK' }), trackerEvent('checkout', {})];
    const bad = { ...trackerEvent('basket', { id: 'sel-1' }), id: 'badbadbadbadbadbadbadbadbadbad00' };
    const reply = await postCollect(url(), batchOf([good[0], good[1], bad, good[2]]));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ accepted: 3, duplicates: 0, rejected: [{ index: 2, id: bad.id, reason: expect.stringMatching(/data/) }] });
    await waitFor(() => stack.ometria.store.get('custom_event', good[2]!.id), 'the checkout event in Ometria');
    expect(stack.ometria.store.get('custom_event', good[1]!.id)).toMatchObject({ event_type: 'product_viewed' });
    expect(stack.ometria.store.get('custom_event', bad.id)).toBeUndefined();
  });

  it('counts a repeated event id once, within a batch and across requests', async () => {
    const view = trackerEvent('product_view', { sku: 'P10001BLK' });
    const first = await postCollect(url(), batchOf([identified(), view, view]));
    expect(first.body).toMatchObject({ accepted: 2, duplicates: 1 });
    const again = await postCollect(url(), batchOf([view]));
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 1, rejected: [] });
    await waitFor(() => stack.ometria.store.get('custom_event', view.id), 'the product view in Ometria');
    await new Promise((r) => setTimeout(r, 300));
    expect(stack.ometria.store.versions('custom_event', view.id)).toBe(1);
  });
});
