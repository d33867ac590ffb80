import { describe, expect, it } from 'vitest';
import { acceptDeliveries, type TimedDelivery } from '../../server/intake/accept-delivery.js';
import { parseDelivery } from '../../server/http/parse-delivery.js';
import { ROWS_PER_STATEMENT } from '../../server/store/sql/multi-row.js';
import { useTempStore } from '../helpers/temp-store.js';

const temp = useTempStore();

const timed = (events: object[], key: string | undefined, now: number): TimedDelivery => {
  const rawBody = Buffer.from(`payload=${encodeURIComponent(JSON.stringify({ events }))}`);
  return { delivery: { parsed: parseDelivery(rawBody), rawBody, signatureT: 1, signature: key ? { key, forgetBeforeT: 0 } : undefined }, now };
};
const handled = new Set(['order'] as const);

describe('a group of deliveries accepted together (issue 17)', () => {
  it('stores each as if accepted in turn: ids in order, copies in the group and earlier ones replayed, one job per order', async () => {
    const before = timed([{ type: 'order', id: 9 }], '1.aa', 500);
    const [earlier] = await temp.store.transaction((tx) => acceptDeliveries(tx, [before], handled));
    const group = [
      timed(
        [
          { type: 'order', id: 14 },
          { type: 'account', id: 3 },
        ],
        '1.bb',
        1_000,
      ),
      timed([{ type: 'order', id: 14 }], '1.cc', 1_001),
      timed([{ type: 'order', id: 14 }], '1.bb', 1_002),
      timed([{ type: 'order', id: 9 }], '1.aa', 1_003),
      timed(
        [
          { type: 'order', id: 15 },
          { type: 'order', id: 'x' },
        ],
        undefined,
        1_004,
      ),
    ];
    const answers = await temp.store.transaction((tx) => acceptDeliveries(tx, group, handled));

    const [first, second, copy, replay, last] = answers;
    expect(first!.deliveryId).toBeGreaterThan(earlier!.deliveryId);
    expect([second!.deliveryId, last!.deliveryId]).toEqual([first!.deliveryId + 1, first!.deliveryId + 2]);
    expect(copy).toEqual({ deliveryId: first!.deliveryId, replayed: true, counts: { queued: 0, pending: 0, ignored: 0, rejected: 0 }, rejected: [] });
    expect(replay).toMatchObject({ deliveryId: earlier!.deliveryId, replayed: true });
    expect(first!.counts).toEqual({ queued: 1, pending: 0, ignored: 1, rejected: 0 });
    expect(last!.counts).toEqual({ queued: 1, pending: 0, ignored: 0, rejected: 1 });
    expect(last!.rejected).toEqual([expect.objectContaining({ type: 'order', entity: `order event 2 of delivery ${last!.deliveryId}` })]);

    const stored = await temp.store.sql.all<{ id: number; raw_body: Buffer }>('SELECT id, raw_body FROM deliveries ORDER BY id');
    const body = (t: TimedDelivery) => t.delivery.rawBody.toString();
    expect(stored.map((d) => [d.id, Buffer.from(d.raw_body).toString()])).toEqual([
      [earlier!.deliveryId, body(before)],
      [first!.deliveryId, body(group[0]!)],
      [second!.deliveryId, body(group[1]!)],
      [last!.deliveryId, body(group[4]!)],
    ]);
    const events = await temp.store.sql.all<{ delivery_id: number; type: string; state: string }>(
      'SELECT delivery_id, type, state FROM delivery_events ORDER BY id',
    );
    expect(events).toEqual([
      { delivery_id: first!.deliveryId, type: 'account', state: 'ignored' },
      { delivery_id: last!.deliveryId, type: 'order', state: 'rejected' },
    ]);
    // Order 14 asked for three times (once by the copy, which stores nothing): one job, as asking in turn leaves it.
    const jobs = await temp.store.sql.all<{ entity_key: string; run_at: number; first_queued_at: number; updated_at: number }>(
      `SELECT entity_key, run_at, first_queued_at, updated_at FROM jobs WHERE kind = 'order' ORDER BY id`,
    );
    expect(jobs).toEqual([
      { entity_key: '9', run_at: 500, first_queued_at: 500, updated_at: 500 },
      { entity_key: '14', run_at: 1_000, first_queued_at: 1_000, updated_at: 1_001 },
      { entity_key: '15', run_at: 1_004, first_queued_at: 1_004, updated_at: 1_004 },
    ]);
    expect(await temp.store.sql.all('SELECT signature FROM webhook_signatures ORDER BY signature')).toEqual([
      { signature: '1.aa' },
      { signature: '1.bb' },
      { signature: '1.cc' },
    ]);
  });

  it('gives each of a group larger than one statement takes its own id and body', async () => {
    const count = ROWS_PER_STATEMENT * 2 + 7;
    const group = Array.from({ length: count }, (_, i) => timed([{ type: 'order', id: 1000 + i }], `1.${i}`, 1_000 + i));
    const answers = await temp.store.transaction((tx) => acceptDeliveries(tx, group, handled));
    const bodies = new Map(
      (await temp.store.sql.all<{ id: number; raw_body: Buffer }>('SELECT id, raw_body FROM deliveries')).map((d) => [
        d.id,
        Buffer.from(d.raw_body).toString(),
      ]),
    );
    expect(answers.map((a) => bodies.get(a.deliveryId))).toEqual(group.map((g) => g.delivery.rawBody.toString()));
    expect(await temp.store.sql.get('SELECT COUNT(*) AS n FROM jobs')).toEqual({ n: count });
  });
});
