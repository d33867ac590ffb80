import { describe, expect, it } from 'vitest';
import { useTempStore } from '../helpers/temp-store.js';

// The repositories whose SQL no other store-level test runs, on whichever engine the pass selects.
const temp = useTempStore();

/** On PostgreSQL, opens `n` pool connections first, so the calls under test really overlap instead of queueing on connects. */
const warmPool = (n: number) => Promise.all(Array.from({ length: n }, () => temp.store.sql.get(`SELECT 1 AS one`)));

describe('alerts', () => {
  const input = { fingerprint: 'push:order:14', kind: 'push', entity: 'order 14', team: 'ecommerce' as const, message: 'rejected' };

  it('opens one alert per fingerprint and counts repeats, even when raised at once', async () => {
    await warmPool(3);
    const raised = await Promise.all([1, 2, 3].map((n) => temp.store.alerts.raise({ ...input, message: `rejected ${n}` }, 1_000 + n)));
    expect(raised.filter((r) => r.opened)).toHaveLength(1);
    expect(await temp.store.alerts.listOpen()).toMatchObject([{ occurrences: 3, cause: null, details: null }]);
  });

  it('resolves the open alert; the next raise opens a new one', async () => {
    const { alert } = await temp.store.alerts.raise({ ...input, details: { status: 400 } }, 1_000);
    expect(alert.details).toBe('{"status":400}');
    expect(await temp.store.alerts.resolve(input.fingerprint, 2_000)).toMatchObject({ id: alert.id, state: 'resolved', resolved_at: 2_000 });
    expect(await temp.store.alerts.resolve(input.fingerprint, 2_000)).toBeUndefined();
    const again = await temp.store.alerts.raise(input, 3_000);
    expect(again).toMatchObject({ opened: true, alert: { occurrences: 1 } });
    expect(again.alert.id).not.toBe(alert.id);
    await temp.store.alerts.markNotified(again.alert.id, 3_001);
    expect(await temp.store.alerts.recent(10)).toMatchObject([{ id: again.alert.id, notified_at: 3_001 }, { id: alert.id }]);
  });
});

describe('dead letters', () => {
  it('keeps one open letter per record and counts repeats, even when added at once', async () => {
    const letter = { jobKind: 'order', entityKey: '14', recordType: 'order', recordId: '14', reason: 'rejected', record: { id: 14 } };
    await warmPool(5);
    const ids = await Promise.all([1, 2, 3, 4, 5].map((n) => temp.store.deadLetters.add({ ...letter, reason: `rejected ${n}` }, 1_000 + n)));
    expect(new Set(ids).size).toBe(1);
    const other = await temp.store.deadLetters.add({ jobKind: 'order', entityKey: '15', reason: 'no record' }, 1_005);
    expect(other).not.toBe(ids[0]);
    expect(await temp.store.deadLetters.countOpen()).toBe(2);
    expect(await temp.store.deadLetters.get(ids[0]!)).toMatchObject({ occurrences: 5, record: '{"id":14}', state: 'open' });
    expect((await temp.store.deadLetters.listOpen('order')).map((d) => d.id)).toEqual([ids[0], other]);
    await temp.store.deadLetters.markReplayed(other, 2_000);
    expect(await temp.store.deadLetters.countOpen()).toBe(1);
    expect(await temp.store.deadLetters.recent(1)).toMatchObject([{ id: other, state: 'replayed', replayed_at: 2_000 }]);
  });
});

describe('findings', () => {
  const finding = { kind: 'missing-order', entity: 'order 14', team: 'ecommerce' as const, detail: 'not in Ometria', repair: 'auto' as const };

  it('refreshes the active finding instead of repeating it, and resolves what a run no longer sees', async () => {
    const first = await temp.store.findings.record(finding, 1_000);
    const again = await temp.store.findings.record({ ...finding, detail: 'still not in Ometria' }, 2_000);
    expect(again).toMatchObject({ id: first.id, detail: 'still not in Ometria', found_at: 1_000, updated_at: 2_000, state: 'open' });
    await temp.store.findings.markRepaired(first.id, 2_500);
    expect(await temp.store.findings.resolveUnseen(['missing-order'], new Set(), new Set(['order 14']), 3_000)).toBe(1);
    expect(await temp.store.findings.listActive()).toEqual([]);
    expect(await temp.store.findings.recent(5)).toMatchObject([{ id: first.id, state: 'resolved', repaired_at: 2_500, resolved_at: 3_000 }]);
  });

  it('records reconcile runs', async () => {
    const id = await temp.store.findings.startRun('orders', 1_000);
    await temp.store.findings.finishRun(id, { checked: 12, findings: 1 }, 2_000);
    expect(await temp.store.findings.lastRun()).toEqual({ id, scope: 'orders', started_at: 1_000, finished_at: 2_000, checked: 12, findings: 1, error: null });
  });
});

describe('deliveries', () => {
  it('stores the raw body and only the events that did not become a job', async () => {
    const id = await temp.store.deliveries.insert({
      receivedAt: 1_000,
      signatureT: 999,
      shape: 'batch',
      rawBody: Buffer.from('{"events":[]}'),
      events: [
        { type: 'order', action: 'update', entityId: '14', state: 'queued', reason: null },
        { type: 'voucher', action: 'update', entityId: '3', state: 'pending', reason: 'no handler yet' },
      ],
    });
    expect(await temp.store.deliveries.count()).toBe(1);
    expect(await temp.store.deliveries.recent(5)).toEqual([
      { id, received_at: 1_000, shape: 'batch', event_count: 2, summary: 'order 14 queued; voucher 3 pending' },
    ]);
    const [pending] = await temp.store.deliveries.pendingEvents(['voucher', 'giftcard']);
    expect(pending).toMatchObject({ type: 'voucher', entity_id: '3' });
    expect(await temp.store.deliveries.pendingEvents([])).toEqual([]);
    await temp.store.deliveries.markQueued(pending!.id);
    expect(await temp.store.deliveries.pendingEvents(['voucher'])).toEqual([]);
  });
});

describe('tracker events', () => {
  const event = (id: string, receivedAt: number) => ({
    id,
    visitorId: 'v1',
    store: 'uk',
    type: 'page_view',
    event: `{"id":"${id}"}`,
    identityId: null,
    state: 'pending' as const,
    receivedAt,
  });

  it("dedupes by id, holds an anonymous visitor's newest events and releases them once identified", async () => {
    for (let n = 1; n <= 4; n++) expect(await temp.store.trackerEvents.insert(event(`e${n}`, n))).toBe(true);
    expect(await temp.store.trackerEvents.insert(event('e1', 9))).toBe(false);
    expect(await temp.store.trackerEvents.capHeld('v1', 2, 10)).toBe(2);
    expect(await temp.store.trackerEvents.identityOf('v1')).toBeUndefined();
    const identityId = await temp.store.trackerEvents.identify('v1', { email: 'anna@example.com' }, 11);
    expect(await temp.store.trackerEvents.identify('v2', { email: 'anna@example.com' }, 12)).toBe(identityId);
    expect(await temp.store.trackerEvents.identityOf('v1')).toEqual({ id: identityId, identity: { email: 'anna@example.com' } });
    expect(await temp.store.trackerEvents.releaseHeld('v1', identityId, 0)).toBe(2);
    const pending = await temp.store.trackerEvents.pendingFor('v1', 10);
    expect(pending.map((e) => e.id)).toEqual(['e3', 'e4']);
    expect(pending[0]).toMatchObject({ visitorId: 'v1', store: 'uk', receivedAt: 3, identity: { email: 'anna@example.com' } });
    await temp.store.trackerEvents.markSent(['e3'], 20);
    await temp.store.trackerEvents.markDead(['e4']);
    expect(await temp.store.trackerEvents.counts()).toEqual({ dropped: 2, sent: 1, dead: 1 });
    expect(
      (await temp.store.trackerEvents.pendingFor('v1', 10)).map((e) => e.id),
      'dead without an open letter comes back',
    ).toEqual(['e4']);
    await temp.store.trackerEvents.drop('e4', 21);
    expect(await temp.store.trackerEvents.prune(100)).toBe(4);
  });

  it('expires held events older than the window', async () => {
    await temp.store.trackerEvents.insert(event('e1', 1));
    await temp.store.trackerEvents.insert(event('e2', 50));
    expect(await temp.store.trackerEvents.expireHeld(10, 60)).toBe(1);
    expect(await temp.store.trackerEvents.counts()).toEqual({ expired: 1, pending: 1 });
  });
});

describe('push log, links and kv', () => {
  it('keeps what it was given', async () => {
    const entry = { at: 1_000, record_type: 'order', records: 3, status: 202, request_id: 'r1', accepted: 3, rejected: 0, error: null };
    await temp.store.pushLog.add(entry);
    await temp.store.pushLog.add({ ...entry, at: 5_000, status: null, request_id: null, accepted: null, rejected: null, error: 'timeout' });
    await temp.store.pushLog.prune(2_000);
    expect(await temp.store.pushLog.recent(5)).toMatchObject([{ at: 5_000, error: 'timeout', status: null }]);

    await temp.store.links.link('shipment', 's1', '14');
    await temp.store.links.link('shipment', 's1', '15');
    expect(await temp.store.links.orderOf('shipment', 's1')).toBe('15');
    expect(await temp.store.links.orderOf('return', 's1')).toBeUndefined();
    await temp.store.links.setVersion('order', '14', '2024-01-01T00:00:00Z');
    await temp.store.links.setVersion('order', '14', '2024-02-01T00:00:00Z');
    expect(await temp.store.links.version('order', '14')).toBe('2024-02-01T00:00:00Z');

    await temp.store.kv.set('watermark', { at: 1 });
    await temp.store.kv.set('watermark', { at: 2 });
    expect(await temp.store.kv.get('watermark')).toEqual({ at: 2 });
    expect(await temp.store.kv.get('missing')).toBeUndefined();
  });
});

describe('store transactions', () => {
  it('commits together, or not at all when the work throws', async () => {
    await temp.store.transaction(async (tx) => {
      await tx.kv.set('a', 1);
      await tx.jobs.enqueue('order', '14', 1_000);
    });
    await expect(
      temp.store.transaction(async (tx) => {
        await tx.kv.set('a', 2);
        await tx.ledger.record('order', '14', 'h', 1_000);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await temp.store.kv.get('a')).toBe(1);
    expect(await temp.store.ledger.has('order', '14')).toBe(false);
    expect(await temp.store.jobs.find('order', '14')).toMatchObject({ state: 'pending' });
    expect(await temp.store.ping()).toBe(true);
  });
});
