import { afterEach, describe, expect, it } from 'vitest';
import { checkSla, SLA_LISTED_ORDERS } from '../../server/alerts/sla-watch.js';
import { createLogger } from '../../server/log/logger.js';
import { createRuntime } from '../../server/runtime.js';
import { pollPushErrors } from '../../server/ometria/poll-push-errors.js';
import { makeSimCustomer, makeSimOrder } from '../helpers/centra-factories.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { waitFor } from '../helpers/wait-for.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

/** Makes the job due now and wakes the worker: one more worker run without waiting for the backoff. */
async function runAgain(s: Stack, kind: 'order', key: string): Promise<void> {
  const { store } = s.service;
  const job = (await store.jobs.find(kind, key))!;
  await store.jobs.retryLater(job.id, Date.now(), job.last_error ?? 'test: run now', Date.now());
  s.service.worker.wake();
}

describe('alerts that stay true (issue 15, item 4)', () => {
  it('a persistent Centra 401 is exactly one open alert across several worker runs, resolved once a call succeeds', async () => {
    stack = await startStack({ env: { CENTRA_API_TOKEN: 'an-expired-token' } });
    stack.centra.data.orders.add(makeSimOrder({ number: 41 }));
    const { store } = stack.service;
    expect((await stack.send([{ type: 'order', id: 41 }])).status).toBe(200);
    const authAlerts = async () => (await store.alerts.recent(100)).filter((a) => a.kind === 'auth_failure');
    for (let run = 1; run <= 3; run++) {
      await waitFor(
        async () => ((await authAlerts())[0]?.occurrences ?? 0) >= run && (await store.jobs.find('order', '41'))?.state === 'pending',
        `worker run ${run} refused by Centra`,
      );
      // Between runs the alert is open: never an opened/resolved pair per retry.
      expect((await store.alerts.listOpen()).filter((a) => a.kind === 'auth_failure')).toHaveLength(1);
      if (run < 3) await runAgain(stack, 'order', '41');
    }
    const auth = await authAlerts();
    expect(auth).toHaveLength(1);
    expect(auth[0]).toMatchObject({ fingerprint: 'auth:Centra', state: 'open' });
    expect(auth[0]!.occurrences).toBeGreaterThanOrEqual(3);

    await stack.restart({ CENTRA_API_TOKEN: stack.centra.token });
    const restarted = stack;
    await runAgain(restarted, 'order', '41');
    await waitFor(async () => (await restarted.service.store.jobs.find('order', '41'))?.state === 'done', 'order 41 delivered');
    const after = (await restarted.service.store.alerts.recent(100)).filter((a) => a.kind === 'auth_failure');
    expect(after).toHaveLength(1);
    expect(after[0]!.state).toBe('resolved');
  });
});

describe('SLA alerts group (issue 15, item 4)', () => {
  it('100 late orders are one SLA alert listing the count and the first numbers, updated while open, resolved when none is late', async () => {
    stack = await startStack({ env: { WORKER_ENABLED: 'false' } });
    const numbers = Array.from({ length: 100 }, (_, i) => 1000 + i);
    expect((await stack.send(numbers.map((id) => ({ type: 'order', id })))).status).toBe(200);
    const { store } = stack.service;
    const alerter = createRuntime(stack.config, store, { logger: createLogger('silent'), now: Date.now }).alerter;
    const later = Date.now() + 301_000;
    for (let i = 0; i < 3; i++) expect(await checkSla(store, alerter, { slaSeconds: 300, now: later + i * 1000 })).toBe(100);
    let sla = (await store.alerts.recent(500)).filter((a) => a.kind === 'sla_breach');
    expect(sla).toHaveLength(1);
    expect(sla[0]).toMatchObject({ state: 'open', entity: '100 orders', occurrences: 3 });
    expect(sla[0]!.message).toMatch(/^100 orders are not in Ometria within the SLA of 300 s/);
    expect(sla[0]!.message).toContain(`${numbers.slice(0, SLA_LISTED_ORDERS).join(', ')} and ${100 - SLA_LISTED_ORDERS} more`);

    // 60 of them arrive: the one alert is updated in place.
    for (const n of numbers.slice(0, 60)) await store.jobs.complete((await store.jobs.find('order', String(n)))!.id, Date.now());
    await checkSla(store, alerter, { slaSeconds: 300, now: later + 5000 });
    sla = (await store.alerts.recent(500)).filter((a) => a.kind === 'sla_breach');
    expect(sla).toHaveLength(1);
    expect(sla[0]).toMatchObject({ state: 'open', entity: '40 orders' });
    expect(sla[0]!.message).toMatch(/^40 orders are .*: 1060, 1061, .* and 20 more/);

    for (const n of numbers.slice(60)) await store.jobs.complete((await store.jobs.find('order', String(n)))!.id, Date.now());
    await checkSla(store, alerter, { slaSeconds: 300, now: later + 6000 });
    sla = (await store.alerts.recent(500)).filter((a) => a.kind === 'sla_breach');
    expect(sla.map((a) => a.state)).toEqual(['resolved']);
  });
});

describe('nothing refused is marked delivered (issue 15, item 5)', () => {
  it('a 2xx push answer that rejects one record dead-letters that record and delivers the rest', async () => {
    stack = await startStack({ env: { WORKER_ENABLED: 'false' } });
    stack.centra.data.customers.add(makeSimCustomer({ id: 4, email: 'anna@example.com' }));
    for (const number of [51, 52, 53, 54, 55]) {
      stack.centra.data.orders.add(makeSimOrder({ number, customer: { id: 4, email: 'anna@example.com', firstName: 'Anna', lastName: 'Berg' } }));
    }
    stack.ometria.faults.rejectOnArrival('order', ['53'], { error_message: 'currency is not a valid currency code', error_path: 'root > currency' });
    expect((await stack.send([51, 52, 53, 54, 55].map((id) => ({ type: 'order', id })))).status).toBe(200);
    await stack.restart({ WORKER_ENABLED: 'true' });
    const { store } = stack.service;
    await waitFor(async () => (await store.jobs.countsByState()).every((r) => r.state === 'done' || r.state === 'dead'), 'jobs settled');

    // Ometria's answer to the first call counted one rejection among five: the call was 2xx all the same.
    const orderCalls = stack.ometria.pushes.list().filter((p) => p.type === 'order');
    expect(orderCalls[0]).toMatchObject({ status: 202, records: 5 });
    for (const id of ['51', '52', '54', '55']) expect(await store.ledger.has('order', id)).toBe(true);
    expect(await store.ledger.has('order', '53')).toBe(false);
    expect((await store.jobs.find('order', '53'))?.state).toBe('dead');
    expect((await store.jobs.find('order', '52'))?.state).toBe('done');
    const letters = await store.deadLetters.listOpen('order');
    expect(letters.map((l) => l.record_id)).toEqual(['53']);
    expect(letters[0]!.reason).toMatch(/rejected this record on arrival/);
    expect(stack.ometria.store.get('order', '53')).toBeUndefined();
    expect(stack.ometria.store.get('order', '54')).toBeDefined();
    const alerts = await store.alerts.listOpen();
    expect(alerts.filter((a) => a.kind === 'dead_letter').map((a) => a.entity)).toEqual(['order 53']);
    expect(alerts.filter((a) => a.kind === 'push_rejected')).toEqual([]);
  });

  it('an error /push/_errors reports later is dead-lettered when one order alone can be its cause, and only named as suspects otherwise', async () => {
    stack = await startStack({ env: { OMETRIA_ERRORS_POLL_SECONDS: '86400' } });
    const s = stack;
    const { store } = s.service;
    const alerter = createRuntime(s.config, store, { logger: createLogger('silent'), now: Date.now }).alerter;
    const poll = () => pollPushErrors({ baseUrl: s.ometria.baseUrl, apiKey: s.ometria.apiKey, store, alerter, now: Date.now });
    const settle = () => waitFor(async () => (await store.jobs.countsByState()).every((r) => r.state === 'done' || r.state === 'dead'), 'jobs settled');
    s.centra.data.customers.add(makeSimCustomer({ id: 4, email: 'anna@example.com' }));
    const customer = { id: 4, email: 'anna@example.com', firstName: 'Anna', lastName: 'Berg' };
    for (const number of [61, 62, 63]) s.centra.data.orders.add(makeSimOrder({ number, customer }));
    await poll();
    await new Promise((r) => setTimeout(r, 5));

    // One order accepted since the previous poll, then an order error: it can only be that order's.
    s.ometria.faults.invalidAsync('order', ['61'], { error_message: 'product_id is not a known product', error_path: 'root > lineitems > 0 > product_id' });
    await s.send([{ type: 'order', id: 61 }]);
    await settle();
    expect(await store.ledger.has('order', '61')).toBe(true);
    expect(await poll()).toBe(1);
    expect(await store.ledger.has('order', '61')).toBe(false);
    const letters = await store.deadLetters.listOpen('order');
    expect(letters.map((l) => l.record_id)).toEqual(['61']);
    expect(letters[0]!.reason).toBe(
      'Ometria rejected order 61 after accepting its push: "product_id is not a known product" at root > lineitems > 0 > product_id',
    );
    expect((await store.alerts.listOpen()).filter((a) => a.kind === 'dead_letter').map((a) => a.entity)).toEqual(['order 61']);
    await new Promise((r) => setTimeout(r, 5));

    // Two orders since the previous poll: the error is one of them, nobody can say which; both stay delivered.
    s.ometria.faults.invalidAsync('order', ['62'], { error_message: 'currency mismatch', error_path: 'root > lineitems > 1 > product_id' });
    await s.send([
      { type: 'order', id: 62 },
      { type: 'order', id: 63 },
    ]);
    await settle();
    expect(await poll()).toBe(1);
    expect(await store.ledger.has('order', '62')).toBe(true);
    expect(await store.ledger.has('order', '63')).toBe(true);
    expect((await store.deadLetters.listOpen('order')).map((l) => l.record_id)).toEqual(['61']);
    const asyncAlert = (await store.alerts.listOpen()).find((a) => a.kind === 'ometria_async_error');
    expect(asyncAlert?.message).toMatch(/Suspects: order 6[23], order 6[23]\./);
  });
});
