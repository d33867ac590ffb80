import { describe, expect, it } from 'vitest';
import { retentionSettings } from '../../server/retention/retention-settings.js';
import { compactRowCounts, runRetention } from '../../server/retention/run-retention.js';
import type { Store } from '../../server/store/store.js';
import { storeEngine } from '../helpers/postgres.js';
import { useTempStore } from '../helpers/temp-store.js';

const temp = useTempStore();

const DAY = 86_400_000;
const NOW = 1_000 * DAY;
const daysAgo = (d: number) => NOW - d * DAY;
const settings = retentionSettings({
  RETENTION_WEBHOOK_BODY_DAYS: 7,
  RETENTION_DONE_JOB_DAYS: 7,
  RETENTION_PUSH_LOG_DAYS: 30,
  RETENTION_TRACKER_EVENT_DAYS: 30,
  RETENTION_RESOLVED_DAYS: 90,
});
const prune = (store: Store, extra: { batch?: number; budgetMs?: number } = {}) => runRetention({ store, settings, now: () => NOW, ...extra });
const ids = async (store: Store, query: string): Promise<unknown[]> => (await store.sql.all<{ v: unknown }>(query)).map((r) => r.v);

async function doneJob(store: Store, key: string, finishedAt: number): Promise<void> {
  await store.jobs.enqueue('order', key, finishedAt - 1_000);
  const job = await store.jobs.find('order', key);
  await store.jobs.complete(job!.id, finishedAt);
}

describe(`retention prune (${storeEngine})`, () => {
  it('deletes rows past their retention and keeps recent, open and still-needed ones', async () => {
    const s = temp.store;
    // Jobs: done 8 days ago goes, done 6 days ago stays, a pending one from long ago stays (still work to do).
    await doneJob(s, 'old', daysAgo(8));
    await doneJob(s, 'recent', daysAgo(6));
    await s.jobs.enqueue('order', 'waiting', daysAgo(200));
    await s.jobs.enqueue('order', 'gave-up', daysAgo(100));
    await s.jobs.markDead((await s.jobs.find('order', 'gave-up'))!.id, 'no', daysAgo(91));

    // Deliveries: old goes (with its event rows), old with a pending event stays, recent stays.
    const delivery = (at: number, state: 'queued' | 'pending' | 'ignored') =>
      s.deliveries.insert({
        receivedAt: at,
        signatureT: null,
        shape: 'batch',
        rawBody: Buffer.from('payload=anna@example.com'),
        events: [{ type: 'voucher', action: 'update', entityId: '1', state, reason: null }],
      });
    const oldDelivery = await delivery(daysAgo(8), 'ignored');
    const waitingDelivery = await delivery(daysAgo(8), 'pending');
    const recentDelivery = await delivery(daysAgo(1), 'queued');

    // Push log: 31 days old goes, 29 stays.
    for (const at of [daysAgo(31), daysAgo(29)]) {
      await s.pushLog.add({ at, record_type: 'order', records: 1, status: 202, request_id: null, accepted: 1, rejected: 0, error: null });
    }

    // Tracker: an old sent event goes; an old dead one whose letter is open stays; a recent one stays.
    const event = (id: string, visitorId: string, at: number, identityId: number | null) =>
      s.trackerEvents.insert({
        id,
        visitorId,
        store: 'uk',
        type: 'page_view',
        event: '{}',
        identityId,
        state: 'pending',
        receivedAt: at,
      });
    const oldIdentity = await s.trackerEvents.identify('v-old', { email: 'gone@example.com' }, daysAgo(31));
    const liveIdentity = await s.trackerEvents.identify('v-live', { email: 'kept@example.com' }, daysAgo(2));
    await event('e-old', 'v-old', daysAgo(31), oldIdentity);
    await s.trackerEvents.markSent(['e-old'], daysAgo(31));
    await event('e-dead', 'v-live', daysAgo(40), liveIdentity);
    await s.trackerEvents.markDead(['e-dead']);
    await s.deadLetters.add({ jobKind: 'collect', entityKey: 'v-live', recordType: 'custom_event', recordId: 'e-dead', reason: 'refused' }, daysAgo(40));
    await event('e-new', 'v-live', daysAgo(1), liveIdentity);
    // A settled event past the 7-day dedupe window goes; so does an event never pushed in 30 days.
    await event('e-week', 'v-live', daysAgo(8), liveIdentity);
    await s.trackerEvents.markSent(['e-week'], daysAgo(8));
    await event('e-stuck', 'v-old', daysAgo(31), oldIdentity);

    // Dead letters: replayed 91 days ago goes; open from long ago stays; replayed 10 days ago stays.
    const replayedOld = await s.deadLetters.add({ jobKind: 'order', entityKey: '1', reason: 'x' }, daysAgo(120));
    await s.deadLetters.markReplayed(replayedOld, daysAgo(91));
    const openOld = await s.deadLetters.add({ jobKind: 'order', entityKey: '2', reason: 'x' }, daysAgo(300));
    const replayedRecent = await s.deadLetters.add({ jobKind: 'order', entityKey: '3', reason: 'x' }, daysAgo(20));
    await s.deadLetters.markReplayed(replayedRecent, daysAgo(10));

    // Findings and alerts: resolved 91 days ago go, open ones stay.
    const oldFinding = await s.findings.record({ kind: 'missing', entity: 'order 1', team: 'ecommerce', detail: 'd', repair: 'auto' }, daysAgo(100));
    await s.findings.resolveUnseen(['missing'], new Set(), new Set(['order 1']), daysAgo(91));
    const openFinding = await s.findings.record({ kind: 'missing', entity: 'order 2', team: 'ecommerce', detail: 'd', repair: 'auto' }, daysAgo(300));
    await s.alerts.raise({ fingerprint: 'a1', kind: 'k', entity: 'e', team: 'operations', message: 'm' }, daysAgo(100));
    await s.alerts.resolve('a1', daysAgo(91));
    await s.alerts.raise({ fingerprint: 'a2', kind: 'k', entity: 'e', team: 'operations', message: 'm' }, daysAgo(300));

    const result = await prune(s);

    expect(result.unfinished).toBe(false);
    expect(result.deleted).toMatchObject({
      doneJobs: 1,
      deadJobs: 1,
      deliveries: 1,
      pushLog: 1,
      trackerSettled: 2,
      trackerEvents: 1,
      trackerVisitors: 1,
      trackerIdentities: 1,
      deadLetters: 1,
      findings: 1,
      alerts: 1,
    });
    expect(await ids(s, `SELECT entity_key AS v FROM jobs ORDER BY entity_key`)).toEqual(['recent', 'waiting']);
    expect(await ids(s, `SELECT id AS v FROM deliveries ORDER BY id`)).toEqual([waitingDelivery, recentDelivery]);
    expect(await ids(s, `SELECT delivery_id AS v FROM delivery_events WHERE delivery_id = ${oldDelivery}`)).toEqual([]);
    expect(await ids(s, `SELECT at AS v FROM push_log`)).toEqual([daysAgo(29)]);
    expect(await ids(s, `SELECT id AS v FROM tracker_events ORDER BY id`)).toEqual(['e-dead', 'e-new']);
    expect(await ids(s, `SELECT visitor_id AS v FROM tracker_visitors`)).toEqual(['v-live']);
    expect(await ids(s, `SELECT email AS v FROM tracker_identities`), 'the email of the forgotten visitor is gone').toEqual(['kept@example.com']);
    expect(await ids(s, `SELECT id AS v FROM dead_letters ORDER BY id`)).toEqual(
      [(await s.deadLetters.listOpen())[0]!.id, openOld, replayedRecent].sort((a, b) => a - b),
    );
    expect(await ids(s, `SELECT id AS v FROM findings`)).toEqual([openFinding.id]);
    expect(oldFinding.id).not.toBe(openFinding.id);
    expect(await ids(s, `SELECT fingerprint AS v FROM alerts`)).toEqual(['a2']);

    // The counters behind /status followed the deletes, before and after compaction.
    const expected = [
      { kind: 'order', state: 'done', n: 1 },
      { kind: 'order', state: 'pending', n: 1 },
    ];
    expect(await s.jobs.countsByState()).toEqual(expected);
    expect(await s.deliveries.count()).toBe(2);
    await compactRowCounts({ store: s, now: Date.now });
    expect(await s.jobs.countsByState()).toEqual(expected);
    expect(await s.trackerEvents.counts()).toEqual({ dead: 1, pending: 1 });

    // A second run finds nothing left to delete.
    expect(Object.values((await prune(s)).deleted).every((n) => n === 0)).toBe(true);
  });

  it('deletes in batches of the given size, and stops when its time budget is spent', async () => {
    const s = temp.store;
    for (let i = 0; i < 5; i++) {
      await s.pushLog.add({ at: daysAgo(40) + i, record_type: 'order', records: 1, status: 202, request_id: null, accepted: 1, rejected: 0, error: null });
    }
    expect(await s.retention.pushLog(NOW - 30 * DAY, 2), 'one statement deletes at most the batch').toBe(2);
    expect(await ids(s, `SELECT at AS v FROM push_log ORDER BY at`), 'oldest first').toEqual([2, 3, 4].map((i) => daysAgo(40) + i));

    const spent = await prune(s, { budgetMs: 0 });
    expect(spent.unfinished).toBe(true);
    expect(await ids(s, `SELECT COUNT(*) AS v FROM push_log`)).toEqual([3]);

    const batched = await prune(s, { batch: 2 });
    expect(batched.deleted.pushLog).toBe(3);
    expect(await ids(s, `SELECT COUNT(*) AS v FROM push_log`)).toEqual([0]);
  });
});
