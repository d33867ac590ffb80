import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startOmetriaRecorder } from '../../sandbox/ometria-recorder/index.js';
import { RECORD_TOO_LARGE } from '../../sandbox/ometria-recorder/check-record.js';
import { sampleContact, sampleOrder, sampleProduct } from '../../sandbox/ometria-recorder/sample-records.js';

const recorder = await startOmetriaRecorder({ ratePerSecond: 0 });
afterAll(() => recorder.close());
beforeEach(() => recorder.reset());

async function push(body: unknown, key = recorder.apiKey) {
  const res = await fetch(`${recorder.baseUrl}/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ometria-auth': key },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const pushErrors = async () => (await fetch(`${recorder.baseUrl}/push/_errors`, { headers: { 'x-ometria-auth': recorder.apiKey } })).json();

describe('Ometria recorder: POST /v2/push', () => {
  it('binds 127.0.0.1 and exposes the /v2 base URL', () => {
    expect(recorder.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
  });

  it('answers 403 with an ERROR body for a wrong API key and stores nothing', async () => {
    const res = await push([sampleOrder()], 'wrong');
    expect(res).toEqual({ status: 403, body: { status: 'ERROR', message: expect.any(String) } });
    expect(recorder.store.all('order')).toEqual([]);
  });

  it('answers 202 with a request id and counts for a valid batch', async () => {
    const res = await push([sampleOrder({ id: '1' }), sampleOrder({ id: '2' })]);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'OK', request_id: expect.stringMatching(/^[0-9a-f-]{36}$/), accepted: 2, rejected: 0 });
    expect(recorder.store.get('order', '2')).toMatchObject({ id: '2', grand_total: 120 });
  });

  it('refuses more than 100 records in one call with 400', async () => {
    const records = Array.from({ length: 101 }, (_, i) => sampleOrder({ id: String(i) }));
    const res = await push(records);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/100/);
    expect(recorder.store.all('order')).toEqual([]);
  });

  it('refuses a call mixing record types with 400', async () => {
    const res = await push([sampleContact(), sampleOrder()]);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ status: 'ERROR', message: expect.stringContaining('one type per call') });
  });

  it('refuses a body that is not a JSON array, or not JSON, with 400', async () => {
    expect((await push(sampleOrder())).status).toBe(400);
    expect((await push('{not json')).status).toBe(400);
  });

  it('counts invalid records as rejected, does not store them, and lists their errors newest first', async () => {
    const { timestamp: _t, ...noTimestamp } = sampleOrder({ id: 'bad-1' });
    const badLine = sampleOrder({ id: 'bad-2', lineitems: [{ ...sampleOrder().lineitems[0]!, product_id: '' }] });
    const res = await push([sampleOrder({ id: 'good' }), noTimestamp, badLine]);
    expect(res.body).toMatchObject({ status: 'OK', accepted: 1, rejected: 2 });
    expect(recorder.store.get('order', 'bad-1')).toBeUndefined();
    expect(recorder.store.get('order', 'good')).toBeDefined();
    const errors = (await pushErrors()) as { error_path: string }[];
    expect(errors.map((e) => Object.keys(e).sort())).toEqual([
      ['error_message', 'error_path'],
      ['error_message', 'error_path'],
    ]);
    expect(errors.map((e) => e.error_path)).toEqual(['root > lineitems > 0 > product_id', 'root > timestamp']);
  });

  it("rejects a record over 60 KB with Ometria's documented message", async () => {
    await push([sampleOrder({ properties: { blob: 'x'.repeat(61 * 1024) } })]);
    expect(await pushErrors()).toEqual([{ error_message: RECORD_TOO_LARGE, error_path: 'root' }]);
  });

  it('also rejects records our stricter schemas refuse, such as an email inside an id', async () => {
    const res = await push([sampleOrder({ id: 'a@example.com' })]);
    expect(res.body).toMatchObject({ accepted: 0, rejected: 1 });
    expect(await pushErrors()).toEqual([{ error_message: expect.stringContaining('email'), error_path: 'root > id' }]);
  });

  it('keeps only the latest 100 push errors', async () => {
    const bad = (i: number) => ({ ...sampleOrder({ id: String(i) }), timestamp: 'yesterday' });
    await push(Array.from({ length: 60 }, (_, i) => bad(i)));
    await push(Array.from({ length: 60 }, (_, i) => bad(i)));
    expect(await pushErrors()).toHaveLength(100);
  });
});

describe('Ometria recorder: upsert semantics', () => {
  it('replaces the stored record when @merge is absent', async () => {
    await push([sampleOrder({ id: '7', coupon_code: 'SPRING10' })]);
    const { coupon_code: _c, ...withoutCoupon } = sampleOrder({ id: '7', status: 'cancelled', is_valid: false });
    await push([withoutCoupon]);
    const stored = recorder.store.get('order', '7');
    expect(stored).toMatchObject({ status: 'cancelled', is_valid: false });
    expect(stored).not.toHaveProperty('coupon_code');
    expect(recorder.store.versions('order', '7')).toBe(2);
  });

  it('with @merge keeps absent fields but replaces product attributes wholesale', async () => {
    await push([sampleProduct({ id: 'P9' })]);
    await push([
      { '@type': 'product', '@merge': true, id: 'P9', title: 'Linen shirt', price: 45, attributes: [{ type: 'brand', id: 'brand:4', label: 'Other' }] },
    ]);
    const stored = recorder.store.get('product', 'P9');
    expect(stored).toMatchObject({ price: 45, url: 'https://example.com/p/linen-shirt', is_in_stock: true });
    expect(stored?.attributes).toEqual([{ type: 'brand', id: 'brand:4', label: 'Other' }]);
    expect(stored).not.toHaveProperty('@merge');
  });

  it('keys contacts by collection and id, and keeps every body received', async () => {
    await push([sampleContact({ '@collection': 'centra', firstname: 'Ada' })]);
    await push([sampleContact({ '@collection': 'other', firstname: 'Eve' })]);
    await push([sampleContact({ '@collection': 'centra', lastname: 'Lovelace' })]);
    expect(recorder.store.get('contact', 'c1001', 'other')).toMatchObject({ firstname: 'Eve' });
    expect(recorder.store.get('contact', 'c1001', 'centra')).toMatchObject({ firstname: 'Ada', lastname: 'Lovelace' });
    expect(recorder.store.versions('contact', 'c1001', 'centra')).toBe(2);
    expect(recorder.store.bodies('contact', 'c1001', 'centra').map((b) => b.lastname)).toEqual(['Byron', 'Lovelace']);
  });
});
