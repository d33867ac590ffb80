import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOmetriaRecorder } from '../../sandbox/ometria-recorder/index.js';
import { sampleContact, sampleCustomEvent, sampleOrder, sampleProduct, sampleVariant } from '../../sandbox/ometria-recorder/sample-records.js';

const recorder = await startOmetriaRecorder({ ratePerSecond: 0 });
afterAll(() => recorder.close());

async function call(path: string, init: RequestInit = {}, key = recorder.apiKey) {
  const res = await fetch(`${recorder.baseUrl}${path}`, { ...init, headers: { 'content-type': 'application/json', 'x-ometria-auth': key } });
  return { status: res.status, body: (await res.json()) as unknown };
}
const push = (records: unknown[]) => call('/push', { method: 'POST', body: JSON.stringify(records) });

beforeAll(async () => {
  await push(['1', '2', '3', '4', '5'].map((id) => sampleOrder({ id })));
  await push([sampleContact()]);
  await push([sampleProduct(), sampleProduct({ id: 'P2', is_active: false }), sampleVariant()]);
  await push([sampleCustomEvent()]);
});

describe('Ometria recorder: read endpoints', () => {
  it('needs the API key on reads too', async () => {
    expect(await call('/orders/1', {}, 'wrong')).toEqual({ status: 403, body: { status: 'ERROR', message: expect.any(String) } });
  });

  it('returns a stored order by id, and 404 with an ERROR body for an unknown one', async () => {
    expect(await call('/orders/3')).toMatchObject({ status: 200, body: { '@type': 'order', id: '3' } });
    expect(await call('/orders/999')).toEqual({ status: 404, body: { status: 'ERROR', message: expect.any(String) } });
  });

  it('pages orders with limit and offset', async () => {
    const { body } = await call('/orders?limit=2&offset=1');
    expect((body as { id: string }[]).map((o) => o.id)).toEqual(['2', '3']);
    expect((await call('/orders?limit=abc')).status).toBe(400);
  });

  it('finds a contact only within its collection', async () => {
    expect(await call('/contacts/centra/c1001')).toMatchObject({ status: 200, body: { id: 'c1001', '@collection': 'centra' } });
    expect((await call('/contacts/other/c1001')).status).toBe(404);
  });

  it('hides variants from the product list unless includeVariants=true', async () => {
    const ids = async (q: string) => ((await call(`/products${q}`)).body as { id: string }[]).map((p) => p.id);
    expect(await ids('')).toEqual(['P1', 'P2']);
    expect(await ids('?includeVariants=true')).toEqual(['P1', 'P2', 'P1-M']);
    expect(await ids('?active=true')).toEqual(['P1']);
    expect(await call('/products/P1-M')).toMatchObject({ status: 200, body: { parent_id: 'P1' } });
  });

  it('refuses a product page larger than 250', async () => {
    expect((await call('/products?limit=251')).status).toBe(400);
    expect((await call('/products?limit=250')).status).toBe(200);
  });

  it('returns a custom event by its type and id only', async () => {
    const id = sampleCustomEvent().id;
    expect(await call(`/custom-events/order_shipped/${id}`)).toMatchObject({ status: 200, body: { id } });
    expect((await call(`/custom-events/other_type/${id}`)).status).toBe(404);
  });

  it('answers an unknown /v2 path with 404', async () => {
    expect((await call('/profiles')).status).toBe(404);
  });
});
