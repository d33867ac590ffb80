import { afterEach, describe, expect, it } from 'vitest';
import { checkSla } from '../../server/alerts/sla-watch.js';
import { createLogger } from '../../server/log/logger.js';
import { runReconcile } from '../../server/jobs/reconcile/run-reconcile.js';
import { createRuntime } from '../../server/runtime.js';
import { makeSimCustomer, makeSimOrder, makeSimShipment } from '../helpers/centra-factories.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { waitFor } from '../helpers/wait-for.js';
import { itOnFullContract } from '../helpers/full-contract-only.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const recent = () => new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');

describe('reconciliation (issue 7)', () => {
  it('finds an order whose webhook Centra never sent, repairs it, and resolves the finding next run', async () => {
    stack = await startStack();
    const runtime = createRuntime(stack.config, stack.service.store, { logger: createLogger('silent'), now: Date.now });
    stack.centra.data.orders.add(makeSimOrder({ number: 81, createdAt: recent(), orderDate: recent() }));
    stack.centra.data.orders.add(makeSimOrder({ number: 82, createdAt: recent(), orderDate: recent() }));
    await stack.send([{ type: 'order', id: 81 }]);
    await waitFor(async () => (await stack!.service.store.jobs.find('order', '81'))?.state === 'done', 'order 81 synced');

    const first = await runReconcile(runtime.ctx, { scope: 'test', days: 7, repair: true, readBackLimit: 10, reader: runtime.reader });
    expect(first).toMatchObject({ checked: 2, findings: 1, repaired: 1 });
    expect(await stack.service.store.findings.listActive()).toEqual([
      expect.objectContaining({ kind: 'order_missing', entity: 'order 82', state: 'repaired', repair: 'auto' }),
    ]);
    stack.service.worker.wake();
    await waitFor(() => stack!.ometria.store.get('order', '82'), 'order 82 repaired into Ometria');
    await waitFor(async () => (await stack!.service.store.jobs.find('order', '82'))?.state === 'done', 'repair job done');

    const second = await runReconcile(runtime.ctx, { scope: 'test', days: 7, repair: true, readBackLimit: 10, reader: runtime.reader });
    expect(second.findings).toBe(0);
    expect(await stack.service.store.findings.listActive()).toEqual([]);
    expect((await stack.service.store.findings.recent(5))[0]).toMatchObject({ entity: 'order 82', state: 'resolved' });
  });

  it('reads Ometria back and names status and tracking drift', async () => {
    stack = await startStack();
    const runtime = createRuntime(stack.config, stack.service.store, { logger: createLogger('silent'), now: Date.now });
    const order = makeSimOrder({ number: 83, createdAt: recent(), orderDate: recent() });
    stack.centra.data.orders.add(order);
    await stack.send([{ type: 'order', id: 83 }]);
    await waitFor(async () => (await stack!.service.store.jobs.find('order', '83'))?.state === 'done', 'order 83 synced');
    stack.centra.data.shipments.add(makeSimShipment(order, { id: 901, number: '83-1' }));
    const result = await runReconcile(runtime.ctx, { scope: 'test', days: 7, repair: false, readBackLimit: 10, reader: runtime.reader });
    expect(result.repaired).toBe(0);
    const kinds = (await stack.service.store.findings.listActive()).map((f) => f.kind).sort();
    expect(kinds).toEqual(['order_status_mismatch', 'shipment_tracking_missing']);
    expect((await stack.service.store.findings.listActive()).every((f) => f.repair === 'manual' && f.state === 'open')).toBe(true);
  });
});

describe('SLA watch (issue 7)', () => {
  it('an order stuck past the SLA raises one alert, not many, which resolves after delivery', async () => {
    stack = await startStack();
    stack.centra.data.orders.add(makeSimOrder({ number: 84 }));
    stack.ometria.faults.down(true);
    await stack.send([{ type: 'order', id: 84 }]);
    await waitFor(() => stack!.ometria.pushes.count() > 0, 'a failed push');
    const { store } = stack.service;
    const alerter = createRuntime(stack.config, store, { logger: createLogger('silent'), now: Date.now }).alerter;
    const later = Date.now() + 301_000;
    for (let i = 0; i < 3; i++) await checkSla(store, alerter, { slaSeconds: 300, now: later + i * 1000 });
    const open = (await store.alerts.listOpen()).filter((a) => a.kind === 'sla_breach');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ entity: 'order 84', team: 'ecommerce', occurrences: 3 });

    stack.ometria.faults.down(false);
    const job = (await store.jobs.find('order', '84'))!;
    await store.jobs.retryLater(job.id, Date.now(), 'test: run now', Date.now());
    stack.service.worker.wake();
    await waitFor(async () => (await store.jobs.find('order', '84'))?.state === 'done', 'order 84 delivered');
    await checkSla(store, alerter, { slaSeconds: 300, now: later + 5000 });
    expect((await store.alerts.listOpen()).filter((a) => a.kind === 'sla_breach')).toEqual([]);
  });

  it('warns a week before the Centra token expires', async () => {
    stack = await startStack();
    const { store } = stack.service;
    const alerter = createRuntime(stack.config, store, { logger: createLogger('silent'), now: Date.now }).alerter;
    await checkSla(store, alerter, { slaSeconds: 300, now: Date.now(), tokenExpiresAt: Date.now() + 3 * 86_400_000 });
    expect((await store.alerts.listOpen()).find((a) => a.kind === 'token_expiry')?.message).toMatch(/expires in 3 day/);
  });
});

describe('consent reconciliation (issue 7)', () => {
  itOnFullContract('customer consent fields', 'an opt-out changed in Centra without a webhook produces a consent finding and the fix', async () => {
    stack = await startStack();
    const runtime = createRuntime(stack.config, stack.service.store, { logger: createLogger('silent'), now: Date.now });
    stack.centra.data.customers.add(
      makeSimCustomer({ id: 61, email: 'nina@example.com', consents: [{ key: 'newsletter', consented: true, updatedAt: '2024-05-01T00:00:00+00:00' }] }),
    );
    stack.centra.data.orders.add(
      makeSimOrder({ number: 85, createdAt: recent(), orderDate: recent(), customer: { id: 61, email: 'nina@example.com', firstName: 'N', lastName: 'N' } }),
    );
    await stack.send([
      { type: 'customer', id: 61 },
      { type: 'order', id: 85 },
    ]);
    await waitFor(
      () => (stack!.ometria.store.get('contact', 'c61', 'centra') as { marketing_optin?: string } | undefined)?.marketing_optin === 'EXPLICITLY_OPTEDIN',
      'opted in',
    );
    await waitFor(async () => (await stack!.service.store.jobs.find('order', '85'))?.state === 'done', 'order synced');

    stack.centra.data.customers.update(61, { consents: [{ key: 'newsletter', consented: false, updatedAt: '2024-06-01T00:00:00+00:00' }] });
    const result = await runReconcile(runtime.ctx, { scope: 'test', days: 7, repair: true, readBackLimit: 0 });
    expect(result.findings).toBe(1);
    expect(await stack.service.store.findings.listActive()).toEqual([
      expect.objectContaining({ kind: 'consent_mismatch', entity: 'contact c61', team: 'marketing', state: 'repaired' }),
    ]);
    stack.service.worker.wake();
    await waitFor(
      () => (stack!.ometria.store.get('contact', 'c61', 'centra') as { marketing_optin?: string }).marketing_optin === 'EXPLICITLY_OPTEDOUT',
      'the opt-out repaired into Ometria',
    );
    await waitFor(async () => (await stack!.service.store.jobs.find('customer', '61'))?.state === 'done', 'customer job done');
    const again = await runReconcile(runtime.ctx, { scope: 'test', days: 7, repair: true, readBackLimit: 0 });
    expect(again.findings).toBe(0);
  });
});
