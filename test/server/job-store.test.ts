import { describe, expect, it } from 'vitest';
import { DEFAULT_LEASE_MS } from '../../server/store/job-store.js';
import { openStore } from '../../server/store/open-store.js';
import type { Store } from '../../server/store/store.js';
import { useTempStore } from '../helpers/temp-store.js';

const temp = useTempStore();

describe('job store', () => {
  it('when ten deliveries name one pending order, then one job exists', async () => {
    for (let i = 0; i < 10; i++) await temp.store.jobs.enqueue('order', '14', 1_000 + i);
    expect(await temp.store.jobs.countsByState()).toEqual([{ kind: 'order', state: 'pending', n: 1 }]);
  });

  it('when a delivery arrives while its job runs, then the job runs again after it finishes', async () => {
    await temp.store.jobs.enqueue('order', '14', 1_000);
    const [job] = await temp.store.jobs.claimDue('order', 10, 1_000);
    await temp.store.jobs.enqueue('order', '14', 1_001);
    await temp.store.jobs.complete(job!.id, 1_002);
    expect(await temp.store.jobs.find('order', '14')).toMatchObject({ state: 'pending', dirty: 0 });
    const [again] = await temp.store.jobs.claimDue('order', 10, 1_002);
    await temp.store.jobs.complete(again!.id, 1_003);
    expect(await temp.store.jobs.find('order', '14')).toMatchObject({ state: 'done' });
  });

  it('keeps a retried job until its run_at, with attempts and the last error visible', async () => {
    await temp.store.jobs.enqueue('order', '14', 1_000);
    const [job] = await temp.store.jobs.claimDue('order', 10, 1_000);
    await temp.store.jobs.retryLater(job!.id, 5_000, 'Ometria answered 503', 1_000);
    expect(await temp.store.jobs.claimDue('order', 10, 4_999)).toEqual([]);
    expect(await temp.store.jobs.find('order', '14')).toMatchObject({ attempts: 1, last_error: 'Ometria answered 503' });
    expect(await temp.store.jobs.claimDue('order', 10, 5_000)).toHaveLength(1);
  });

  it('survives a restart: a claimed job of a dead process is released on start-up', async () => {
    await temp.store.jobs.enqueue('order', '14', 1_000);
    await temp.store.jobs.claimDue('order', 10, 1_000);
    await temp.reopen();
    expect(await temp.store.jobs.releaseAllClaims(2_000)).toBe(1);
    expect(await temp.store.jobs.claimDue('order', 10, 2_000)).toHaveLength(1);
  });

  it('gives a claimed job to another claimer only once its lease has run out', async () => {
    await temp.store.jobs.enqueue('order', '14', 1_000);
    const [job] = await temp.store.jobs.claimDue('order', 10, 1_000);
    expect(await temp.store.jobs.claimDue('order', 10, 1_000 + DEFAULT_LEASE_MS - 1)).toEqual([]);
    expect(await temp.store.jobs.claimDue('order', 10, 1_000 + DEFAULT_LEASE_MS + 1)).toMatchObject([{ id: job!.id, state: 'running' }]);
  });

  it('unblocks jobs waiting on a contact once the contact is delivered', async () => {
    await temp.store.jobs.enqueue('order', '14', 1_000);
    const [job] = await temp.store.jobs.claimDue('order', 10, 1_000);
    await temp.store.jobs.block(job!.id, 'contact:c4', 'waiting for contact c4', 1_000);
    expect(await temp.store.jobs.claimDue('order', 10, 9_000)).toEqual([]);
    expect(await temp.store.jobs.unblock('contact:c4', 9_000)).toBe(1);
    expect(await temp.store.jobs.claimDue('order', 10, 9_000)).toHaveLength(1);
  });

  it('claims at most the batch size, oldest first', async () => {
    for (let n = 1; n <= 5; n++) await temp.store.jobs.enqueue('order', String(n), n);
    expect((await temp.store.jobs.claimDue('order', 3, 10)).map((j) => j.entity_key)).toEqual(['1', '2', '3']);
  });

  it('never gives one job to two claimers at once (replicas on PostgreSQL)', async () => {
    const jobs = 60;
    for (let n = 1; n <= jobs; n++) await temp.store.jobs.enqueue('order', String(n), n);
    // On PostgreSQL, open the connections first so the claims really overlap instead of queueing on connects.
    await Promise.all(Array.from({ length: 6 }, () => temp.store.sql.get(`SELECT 1 AS one`)));
    // Batches smaller than the queue, so claimers that overlap in time compete for the same oldest rows.
    const claims = await Promise.all(Array.from({ length: 6 }, () => temp.store.jobs.claimDue('order', 15, 1_000)));
    const ids = claims.flat().map((j) => j.id);
    expect(new Set(ids).size, 'a job was claimed twice').toBe(ids.length);
    const rest = await temp.store.jobs.claimDue('order', jobs, 1_000);
    expect(ids.length + rest.length).toBe(jobs);
  });

  it('enqueues and claims at once for the backfill, leaving running jobs alone', async () => {
    await temp.store.jobs.enqueue('order', '1', 1_000);
    await temp.store.jobs.claimDue('order', 10, 1_000);
    const claimed = await temp.store.jobs.claimNow('order', ['1', '2', '3'], 2_000);
    expect(claimed.map((j) => [j.entity_key, j.state])).toEqual([
      ['2', 'running'],
      ['3', 'running'],
    ]);
    expect(await temp.store.jobs.find('order', '1')).toMatchObject({ state: 'running', dirty: 1 });
  });
});

describe('contact keys (docs/design.md D1)', () => {
  it('gives a guest and a registered customer with one email the key of the first seen', async () => {
    expect(await temp.store.contactKeys.resolve(7, 'Anna@Example.com ', 1)).toBe('c7');
    expect(await temp.store.contactKeys.resolve(9, 'anna@example.com', 2)).toBe('c7');
  });

  it("keeps a customer's key when the email changes", async () => {
    await temp.store.contactKeys.resolve(7, 'old@example.com', 1);
    expect(await temp.store.contactKeys.resolve(7, 'new@example.com', 2)).toBe('c7');
    expect(await temp.store.contactKeys.resolve(8, 'new@example.com', 3)).toBe('c7');
  });

  it('gives customers sharing a new email one key even when resolved at once (replicas on PostgreSQL)', async () => {
    await Promise.all(Array.from({ length: 4 }, () => temp.store.sql.get(`SELECT 1 AS one`)));
    const keys = await Promise.all([7, 8, 9, 10].map((id) => temp.store.contactKeys.resolve(id, 'anna@example.com', 1)));
    expect(new Set(keys).size).toBe(1);
    expect(await temp.store.contactKeys.keyForEmail('anna@example.com')).toBe(keys[0]);
  });

  it('never puts the email in the key', async () => {
    expect(await temp.store.contactKeys.resolve(12, 'x@example.com', 1)).not.toContain('@');
  });

  it('finds a key by email, trimmed and lower-cased, without allocating one', async () => {
    await temp.store.contactKeys.resolve(7, 'anna@example.com', 1);
    expect(await temp.store.contactKeys.keyForEmail(' Anna@Example.COM')).toBe('c7');
    expect(await temp.store.contactKeys.keyForEmail('bob@example.com')).toBeUndefined();
    expect(await temp.store.contactKeys.keyForCustomer(7)).toBe('c7');
    expect(await temp.store.contactKeys.keyForCustomer(8)).toBeUndefined();
  });
});

describe('ledger', () => {
  it('knows which records Ometria accepted', async () => {
    expect(await temp.store.ledger.has('order', '14')).toBe(false);
    await temp.store.ledger.record('order', '14', 'h1', 1_000);
    await temp.store.ledger.record('order', '14', 'h2', 2_000);
    expect(await temp.store.ledger.has('order', '14')).toBe(true);
    expect(await temp.store.ledger.has('contact', '14')).toBe(false);
    expect(await temp.store.ledger.recent(10)).toEqual([{ record_type: 'order', record_id: '14', hash: 'h2', pushed_at: 2_000, push_count: 2 }]);
  });

  it('records a push at once as if each record had been recorded in turn, a record twice in it included', async () => {
    await temp.store.ledger.record('contact', 'c1', 'h0', 1_000);
    await temp.store.ledger.recordMany(
      'contact',
      [
        { id: 'c2', hash: 'a' },
        { id: 'c1', hash: 'h1' },
        { id: 'c2', hash: 'b' },
      ],
      2_000,
    );
    const rows = await temp.store.ledger.recent(10);
    expect(rows.sort((x, y) => x.record_id.localeCompare(y.record_id))).toEqual([
      { record_type: 'contact', record_id: 'c1', hash: 'h1', pushed_at: 2_000, push_count: 2 },
      { record_type: 'contact', record_id: 'c2', hash: 'b', pushed_at: 2_000, push_count: 2 },
    ]);
  });
});

describe('replicas writing the same rows at once (docs/scaling.md)', () => {
  const ids = Array.from({ length: 100 }, (_, i) => `c${i}`);
  // The same ids in another order for each seed.
  const shuffled = (seed: number) =>
    [...ids].sort((a, b) => ((a.length * 31 + a.charCodeAt(a.length - 1) * seed) % 97) - ((b.length * 31 + b.charCodeAt(b.length - 1) * seed) % 97));

  /**
   * Three replicas each run 8 transactions at once, each given the ids in another order. PostgreSQL: three pools on
   * the schema, as three processes would hold. SQLite: one handle (one process per file).
   */
  async function writeAtOnce(write: (tx: Store, order: string[], replica: number, round: number) => Promise<void>): Promise<void> {
    const url = temp.databaseUrl;
    const pools = url ? await Promise.all([0, 1, 2].map(() => openStore({ dataDir: temp.path, synchronous: 'NORMAL', databaseUrl: url }))) : [];
    try {
      const stores = url ? pools : [temp.store, temp.store, temp.store];
      await Promise.all(
        stores.flatMap((store, r) => Array.from({ length: 8 }, (_, round) => store.transaction((tx) => write(tx, shuffled(r * 8 + round + 2), r, round)))),
      );
    } finally {
      await Promise.all(pools.map((s) => s.close()));
    }
  }

  it('record the same pushes in different orders without a deadlock, and count every push', async () => {
    await writeAtOnce((tx, order, replica, round) =>
      tx.ledger.recordMany(
        'contact',
        order.map((id) => ({ id, hash: `h${replica}` })),
        round,
      ),
    );
    const rows = await temp.store.ledger.recent(1_000);
    expect(rows).toHaveLength(100);
    expect(rows.every((row) => row.push_count === 24)).toBe(true);
  });

  it('enqueue the same entities in different orders without a deadlock', async () => {
    await writeAtOnce((tx, order, _replica, round) => tx.jobs.enqueueMany(order.map((entityKey) => ({ kind: 'customer', entityKey, now: 1_000 + round }))));
    expect(await temp.store.jobs.countsByState()).toEqual([{ kind: 'customer', state: 'pending', n: 100 }]);
  });

  it('unblock the same contacts in different orders without a deadlock', async () => {
    for (const id of ids) await temp.store.jobs.enqueue('order', id, 1_000);
    for (const job of await temp.store.jobs.claimDue('order', 100, 1_000)) await temp.store.jobs.block(job.id, `contact:${job.entity_key}`, 'waiting', 1_000);
    expect(await temp.store.jobs.countsByState()).toEqual([{ kind: 'order', state: 'blocked', n: 100 }]);
    // Each contact twice, as a push holding one customer's contact twice would name it.
    await writeAtOnce((tx, order, _replica, round) =>
      tx.jobs.unblockAll(
        [...order, ...order].map((id) => `contact:${id}`),
        2_000 + round,
      ),
    );
    expect(await temp.store.jobs.countsByState()).toEqual([{ kind: 'order', state: 'pending', n: 100 }]);
  });
});
