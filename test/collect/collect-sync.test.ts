import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { replayDeadLetters } from '../../server/admin/replay.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { waitFor } from '../helpers/wait-for.js';
import { batchOf, postCollect, SHOP_ORIGIN, trackerEvent } from './tracker-batch.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});
// Today's unsigned identify, by explicit opt-in: signed identity has its own tests (signed-identity.test.ts).
const start = async (env: Record<string, string> = {}) =>
  (stack = await startStack({ env: { TRACKER_ALLOWED_ORIGINS: SHOP_ORIGIN, TRACKER_ACCEPT_UNSIGNED_IDENTITY: 'true', ...env } }));
const basket = () =>
  trackerEvent('basket', {
    id: 'sel-1',
    currency: 'GBP',
    total: 98,
    url: `${SHOP_ORIGIN}/basket/sel-1`,
    lines: [{ sku: 'P10001BLKM', quantity: 2, unitPrice: 49 }],
  });

describe('anonymous visitors', () => {
  it("holds an anonymous visitor's events and sends them, attributed, once the visitor logs in", async () => {
    const s = await start();
    await s.service.store.contactKeys.resolve(1001, 'ann@example.com', Date.now());
    const visitor = randomUUID();
    const before = [trackerEvent('product_view', { sku: 'P10001BLK' }), basket()];
    expect((await postCollect(s.service.url, batchOf(before, visitor))).body).toMatchObject({ accepted: 2 });
    await new Promise((r) => setTimeout(r, 400));
    expect(s.ometria.store.all('custom_event')).toEqual([]);
    expect(await s.service.store.jobs.find('collect', visitor)).toBeUndefined();

    await postCollect(
      s.service.url,
      batchOf([trackerEvent('identify', { email: 'Ann@Example.com', customerId: '1001' }), trackerEvent('checkout', {})], visitor),
    );
    await waitFor(() => s.ometria.store.all('custom_event').length === 3, 'the held events and the checkout in Ometria');
    for (const e of s.ometria.store.all('custom_event')) {
      expect(e).toMatchObject({ identity_account_id: 'c1001', identity_email: 'ann@example.com' });
    }
    expect(s.ometria.store.get('custom_event', before[1]!.id)).toMatchObject({
      event_type: 'basket_updated',
      properties: { basket_id: 'sel-1', lines: [{ variant_id: 'P10001BLKM', quantity: 2, unit_price: 49 }] },
    });
  });

  it("keeps sending a known visitor's later events with its identity", async () => {
    const s = await start();
    const visitor = randomUUID();
    await postCollect(s.service.url, batchOf([trackerEvent('identify', { email: 'bob@example.com' })], visitor));
    const later = trackerEvent('add_to_basket', { sku: 'P10001BLKM', quantity: 1 });
    await postCollect(s.service.url, batchOf([later], visitor));
    const sent = await waitFor(() => s.ometria.store.get('custom_event', later.id), 'the later event in Ometria');
    expect(sent).toMatchObject({ event_type: 'added_to_basket', identity_email: 'bob@example.com' });
    expect(sent).not.toHaveProperty('identity_account_id');
  });
});

describe('durability and retries', () => {
  it('has stored the events before answering 200: after a restart they are still pushed', async () => {
    const s = await start({ WORKER_ENABLED: 'false' });
    const events = [trackerEvent('identify', { customerId: '2002' }), trackerEvent('product_view', { sku: 'P10001BLK' }), trackerEvent('checkout', {})];
    expect((await postCollect(s.service.url, batchOf(events))).status).toBe(200);
    await s.restart({ WORKER_ENABLED: 'true' });
    await waitFor(() => s.ometria.store.all('custom_event').length === 2, 'both events in Ometria after the restart');
    expect(s.ometria.store.get('custom_event', events[2]!.id)).toMatchObject({ identity_account_id: 'c2002' });
  });

  it('retries after an Ometria outage and delivers each event once', async () => {
    const s = await start();
    s.ometria.faults.down(true);
    const visitor = randomUUID();
    const events = [trackerEvent('identify', { customerId: '3003' }), trackerEvent('checkout', {})];
    await postCollect(s.service.url, batchOf(events, visitor));
    await waitFor(async () => (await s.service.store.jobs.find('collect', visitor))?.last_error, 'the collect job to record the outage');
    s.ometria.faults.down(false);
    await waitFor(() => s.ometria.store.get('custom_event', events[1]!.id), 'the event after the outage', 15_000);
    expect(s.ometria.store.versions('custom_event', events[1]!.id)).toBe(1);
  });

  it('dead-letters an event Ometria refuses and sends it again when the dead letter is replayed', async () => {
    const s = await start();
    const visitor = randomUUID();
    const refused = trackerEvent('checkout', {});
    s.ometria.faults.rejectIds('custom_event', [refused.id]);
    await postCollect(s.service.url, batchOf([trackerEvent('identify', { customerId: '4004' }), refused], visitor));
    await waitFor(async () => (await s.service.store.trackerEvents.counts()).dead === 1, 'the refused event to be dead');
    const letter = (await s.service.store.deadLetters.listOpen('custom_event'))[0]!;
    expect(letter).toMatchObject({ job_kind: 'collect', entity_key: visitor, record_id: refused.id });
    s.ometria.faults.reset();
    await replayDeadLetters(s.service.store, { ids: [letter.id] }, Date.now());
    s.service.worker.wake();
    await waitFor(() => s.ometria.store.get('custom_event', refused.id), 'the replayed event in Ometria');
  });
});
