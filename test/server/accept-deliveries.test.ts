import { describe, expect, it } from 'vitest';
import { acceptDeliveries, type TimedDelivery } from '../../server/intake/accept-delivery.js';
import { createIntakeWriter } from '../../server/intake/intake-writer.js';
import { parseDelivery } from '../../server/http/parse-delivery.js';
import { ROWS_PER_STATEMENT } from '../../server/store/sql/multi-row.js';
import type { Store } from '../../server/store/store.js';
import { useTempStore } from '../helpers/temp-store.js';

const temp = useTempStore();

const timed = (events: object[], key: string | undefined, now: number, t = 1, forgetBeforeT = 0): TimedDelivery => {
  const rawBody = Buffer.from(`payload=${encodeURIComponent(JSON.stringify({ events }))}`);
  return { delivery: { parsed: parseDelivery(rawBody), rawBody, signatureT: t, signature: key ? { key, forgetBeforeT } : undefined }, now };
};
const signatures = () =>
  temp.store.sql.all<{ signature: string; delivery_id: number }>('SELECT signature, delivery_id FROM webhook_signatures ORDER BY signature');
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
    // Each signature with the delivery it was first accepted with: what a later replay is answered with.
    expect(await signatures()).toEqual([
      { signature: '1.aa', delivery_id: earlier!.deliveryId },
      { signature: '1.bb', delivery_id: first!.deliveryId },
      { signature: '1.cc', delivery_id: second!.deliveryId },
    ]);
  });

  it('outside a transaction, with nothing to dead-letter, writes the same rows in one go (one statement on PostgreSQL)', async () => {
    const group = [
      timed(
        [
          { type: 'order', id: 14 },
          { type: 'account', id: 3 },
        ],
        '1.bb',
        1_000,
      ),
      timed([{ type: 'order', id: 14 }], undefined, 1_001),
      timed([{ type: 'order', id: 14 }], '1.bb', 1_002),
      timed(
        [
          { type: 'account', id: 4 },
          { type: 'order', id: 15 },
        ],
        '1.cc',
        1_003,
      ),
    ];
    const [first, unsigned, copy, last] = await acceptDeliveries(temp.store, group, handled);

    expect([unsigned!.deliveryId, last!.deliveryId]).toEqual([first!.deliveryId + 1, first!.deliveryId + 2]);
    expect(copy).toMatchObject({ deliveryId: first!.deliveryId, replayed: true });
    expect(last!.counts).toEqual({ queued: 1, pending: 0, ignored: 1, rejected: 0 });
    const stored = await temp.store.sql.all<{ id: number; raw_body: Buffer; signature_t: number; event_count: number; summary: string }>(
      'SELECT id, raw_body, signature_t, event_count, summary FROM deliveries ORDER BY id',
    );
    expect(stored.map((d) => [d.id, Buffer.from(d.raw_body).toString(), d.event_count, d.summary])).toEqual([
      [first!.deliveryId, group[0]!.delivery.rawBody.toString(), 2, 'order 14 queued; account 3 ignored'],
      [unsigned!.deliveryId, group[1]!.delivery.rawBody.toString(), 1, 'order 14 queued'],
      [last!.deliveryId, group[3]!.delivery.rawBody.toString(), 2, 'account 4 ignored; order 15 queued'],
    ]);
    expect(await temp.store.sql.all('SELECT delivery_id, type, entity_id, state FROM delivery_events ORDER BY id')).toEqual([
      { delivery_id: first!.deliveryId, type: 'account', entity_id: '3', state: 'ignored' },
      { delivery_id: last!.deliveryId, type: 'account', entity_id: '4', state: 'ignored' },
    ]);
    expect(await temp.store.sql.all(`SELECT entity_key, state, run_at, first_queued_at, updated_at FROM jobs ORDER BY entity_key`)).toEqual([
      { entity_key: '14', state: 'pending', run_at: 1_000, first_queued_at: 1_000, updated_at: 1_001 },
      { entity_key: '15', state: 'pending', run_at: 1_003, first_queued_at: 1_003, updated_at: 1_003 },
    ]);
    expect(await signatures()).toEqual([
      { signature: '1.bb', delivery_id: first!.deliveryId },
      { signature: '1.cc', delivery_id: last!.deliveryId },
    ]);
  });

  it('writes a group all or none: a row the database refuses leaves no delivery, event, signature or job', async () => {
    const event = (state: string) => ({ type: 'account', action: null, entityId: '3', state, reason: null }) as never;
    const delivery = (key: string, state: string) => ({
      receivedAt: 1_000,
      signatureT: 1,
      signatureKey: key,
      shape: 'integration',
      rawBody: Buffer.from(key),
      events: [event(state)],
    });
    await expect(
      temp.store.deliveries.insertMany([delivery('1.ok', 'ignored'), delivery('1.bad', 'no such state')], [{ kind: 'order', entityKey: '7', now: 1_000 }]),
    ).rejects.toThrow();
    for (const table of ['deliveries', 'delivery_events', 'webhook_signatures', 'jobs']) {
      expect(await temp.store.sql.get(`SELECT COUNT(*) AS n FROM ${table}`), table).toEqual({ n: 0 });
    }
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
    const remembered = new Map((await signatures()).map((s) => [s.signature, s.delivery_id]));
    expect(group.map((g) => remembered.get(g.delivery.signature!.key))).toEqual(answers.map((a) => a.deliveryId));
  });

  it('forgets signatures older than the cut-off, once per cut-off', async () => {
    await temp.store.transaction((tx) => acceptDeliveries(tx, [timed([{ type: 'order', id: 1 }], '50.a', 1_000, 50)], handled));
    await temp.store.transaction((tx) => acceptDeliveries(tx, [timed([{ type: 'order', id: 2 }], '99.b', 1_001, 99, 60)], handled));
    expect((await signatures()).map((s) => s.signature)).toEqual(['99.b']);
    // A group whose cut-off was applied already (the intake writer says so) deletes nothing: 70.c stays until a later one.
    await temp.store.sql.run('INSERT INTO webhook_signatures (signature, signature_t, delivery_id) VALUES (?, ?, ?)', ['70.c', 70, 1]);
    await temp.store.transaction((tx) => acceptDeliveries(tx, [timed([{ type: 'order', id: 3 }], '99.d', 1_002, 99, 80)], handled, 80));
    expect((await signatures()).map((s) => s.signature)).toEqual(['70.c', '99.b', '99.d']);
    await temp.store.transaction((tx) => acceptDeliveries(tx, [timed([{ type: 'order', id: 4 }], '99.e', 1_003, 99, 81)], handled, 80));
    expect((await signatures()).map((s) => s.signature)).toEqual(['99.b', '99.d', '99.e']);
  });
});

describe('group commits in flight together (issue 17)', () => {
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
  /**
   * The store, counting the group writes open at once; each ends 10 ms late, as one waiting for a WAL flush. Two
   * PostgreSQL connections are opened beforehand: a group opening one would take longer than the other's write.
   */
  const counting = async (store: Store) => {
    await Promise.all([1, 2].map(() => store.sql.all('SELECT 1 AS one')));
    const seen = { open: 0, most: 0 };
    const wrapped: Store = {
      ...store,
      deliveries: {
        ...store.deliveries,
        insertMany: async (...args) => {
          seen.most = Math.max(seen.most, ++seen.open);
          try {
            const ids = await store.deliveries.insertMany(...args);
            await new Promise((resolve) => setTimeout(resolve, 10));
            return ids;
          } finally {
            seen.open--;
          }
        },
      },
    };
    return { store: wrapped, seen };
  };

  it('a copy of a delivery whose group is still committing waits for that commit and is a replay, stored once', async () => {
    const { store, seen } = await counting(temp.store);
    const writer = createIntakeWriter(store, handled, 2);
    const original = timed([{ type: 'order', id: 21 }], '1.dd', 2_000);
    const first = writer.write(original.delivery, original.now);
    await nextTurn(); // the first group has begun committing
    const other = timed([{ type: 'order', id: 22 }], '1.ee', 2_001);
    const [a, copy, b] = await Promise.all([first, writer.write(original.delivery, 2_002), writer.write(other.delivery, other.now)]);

    expect(seen.most, 'two groups committing at once').toBe(2);
    expect(a).toMatchObject({ replayed: false });
    expect(copy).toEqual({ deliveryId: a.deliveryId, replayed: true, counts: { queued: 0, pending: 0, ignored: 0, rejected: 0 }, rejected: [] });
    expect(b).toMatchObject({ replayed: false });
    expect(await temp.store.sql.all('SELECT id FROM deliveries ORDER BY id')).toEqual([a.deliveryId, b.deliveryId].sort((x, y) => x - y).map((id) => ({ id })));
  });

  it('never has more groups committing than it is given, and answers every delivery', async () => {
    const { store, seen } = await counting(temp.store);
    const writer = createIntakeWriter(store, handled, 2);
    const answers: Array<Promise<unknown>> = [];
    for (let turn = 0; turn < 10; turn++) {
      for (let i = 0; i < 3; i++) {
        const t = timed([{ type: 'order', id: 100 + turn * 3 + i }], `1.f${turn}-${i}`, 3_000 + turn);
        answers.push(writer.write(t.delivery, t.now));
      }
      await nextTurn();
    }
    expect(await Promise.all(answers)).toHaveLength(30);
    expect(seen.most).toBe(2);
    expect(await temp.store.sql.get('SELECT COUNT(*) AS n FROM deliveries')).toEqual({ n: 30 });
  });
});
