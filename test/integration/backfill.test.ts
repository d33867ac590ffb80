import { afterEach, describe, expect, it } from 'vitest';
import { runBackfill } from '../../server/jobs/backfill/run-backfill.js';
import { createLogger } from '../../server/log/logger.js';
import { createRuntime } from '../../server/runtime.js';
import { seedOrders } from '../../sandbox/centra-simulator/index.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { runCliProcess } from '../helpers/child-service.js';
import { itOnFullContract } from '../helpers/full-contract-only.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const DAY = 86_400_000;

async function seededStack() {
  const s = await startStack({ env: { WORKER_ENABLED: 'false' } });
  seedOrders(s.centra.data, { count: 40, seed: 3, heldShare: 0, from: new Date(Date.now() - 200 * DAY).toISOString(), spacingMinutes: 60 });
  seedOrders(s.centra.data, { count: 260, seed: 4, heldShare: 0, from: new Date(Date.now() - 30 * DAY).toISOString(), spacingMinutes: 60 });
  const runtime = createRuntime(s.config, s.service.store, { logger: createLogger('silent'), now: Date.now });
  return { s, runtime };
}

describe('backfill (issue 7)', () => {
  itOnFullContract('OrderSort.createdAt_DESC', 'imports every order, newest first, and a second run pushes nothing new', async () => {
    const { s, runtime } = await seededStack();
    stack = s;
    const done = await runBackfill(runtime.ctx, { since: Date.now() - 365 * DAY });
    expect(done).toMatchObject({ processed: 300, total: 300, finishedAt: expect.any(String) });
    expect(s.ometria.store.all('order')).toHaveLength(300);
    const firstOrders = s.ometria.pushes
      .list()
      .find((p) => p.type === 'order' && p.status === 202)!
      .ids.map(Number);
    expect(Math.min(...firstOrders)).toBeGreaterThan(200);

    const pushes = s.ometria.pushes.count();
    await runBackfill(runtime.ctx, { since: Date.now() - 365 * DAY });
    expect(s.ometria.pushes.count()).toBe(pushes);
  });

  it('resumes an interrupted backfill from its checkpoint without re-pushing', async () => {
    const { s, runtime } = await seededStack();
    stack = s;
    const abort = new AbortController();
    const partial = await runBackfill(runtime.ctx, {
      since: Date.now() - 365 * DAY,
      signal: abort.signal,
      onProgress: (cp) => {
        if (cp.processed > 0) abort.abort();
      },
    });
    expect(partial.finishedAt).toBeUndefined();
    expect(partial.processed).toBeGreaterThan(0);
    expect(partial.processed).toBeLessThan(300);
    const afterFirst = s.ometria.store.all('order').length;
    expect(afterFirst).toBe(partial.processed);

    const done = await runBackfill(runtime.ctx, { since: Date.now() - 365 * DAY });
    expect(done).toMatchObject({ processed: 300, finishedAt: expect.any(String) });
    const orders = s.ometria.store.all('order') as Array<{ id: string }>;
    expect(orders).toHaveLength(300);
    expect(orders.every((o) => s.ometria.store.versions('order', o.id) === 1)).toBe(true);
  });

  it('only reads back to --since', async () => {
    const { s, runtime } = await seededStack();
    stack = s;
    const done = await runBackfill(runtime.ctx, { since: Date.now() - 60 * DAY });
    expect(done.processed).toBe(260);
  });
});

describe('the backfill command', () => {
  it('imports orders, customers and products from the command line and says what it did', async () => {
    const { s } = await seededStack();
    stack = s;
    await s.service.close();
    const catalogue = JSON.stringify([{ store: 'example.com/uk', marketId: 1, pricelistId: 1, baseUrl: 'https://example.com/uk/product' }]);
    const run = await runCliProcess(['backfill', '--since', '2020-01-01'], { ...s.env, CATALOGUE_STORES: catalogue });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/products: done, \d+ products/);
    expect(run.stdout).toMatch(/orders: finished, 300 orders/);
    expect(run.stdout).toMatch(/customers: \d+ synced/);
    expect(run.code).toBe(0);
    expect(s.ometria.store.all('order')).toHaveLength(300);
    expect(s.ometria.store.all('product').length).toBeGreaterThan(0);
    expect((await runCliProcess(['backfill', '--entities', 'invoices'], s.env)).code).toBe(2);
    await s.restart();
  });
});
