import { afterEach, describe, expect, it } from 'vitest';
import { fetchOrders } from '../../server/centra/orders/fetch-orders.js';
import { mapOrder } from '../../server/mapping/order/map-order.js';
import { createOpenApiValidator } from '../../server/ometria/openapi-validator.js';
import { makeSimCustomer, makeSimLine, makeSimOrder, makeSimShipment } from '../helpers/centra-factories.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { waitFor } from '../helpers/wait-for.js';
import { adaptedCentraClient } from '../helpers/adapted-centra-client.js';
import { createRateLimiter } from '../../server/remote/rate-limiter.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const validator = createOpenApiValidator();

function seedOrder(s: Stack, number: number, customerId = 4, email = 'anna@example.com') {
  s.centra.data.customers.add(makeSimCustomer({ id: customerId, email, firstName: 'Anna', lastName: 'Berg' }));
  s.centra.data.orders.add(
    makeSimOrder({
      number,
      customer: { id: customerId, email, firstName: 'Anna', lastName: 'Berg' },
      lines: [
        makeSimLine({ quantity: 2, price: 40 }),
        makeSimLine({ price: 25, productSize: { id: 112, SKU: 'P10001BLKL', sizeNumber: 'L', description: 'L', EAN: null } }),
      ],
    }),
  );
}

/**
 * `count` orders from `first`, each with its own customer, sent as webhooks of 100: with the worker off they wait
 * to be claimed as one batch. Those `shipped` says have a shipped parcel.
 */
async function queueOrders(s: Stack, first: number, count: number, shipped: (n: number) => boolean = () => false): Promise<number[]> {
  const numbers = Array.from({ length: count }, (_, i) => first + i);
  for (const n of numbers) {
    seedOrder(s, n, n, `buyer${n}@example.com`);
    if (shipped(n)) s.centra.data.shipments.add(makeSimShipment(s.centra.data.orders.get(n)!, { id: 50_000 + n, number: `${n}-1` }));
  }
  for (let i = 0; i < numbers.length; i += 100) {
    expect((await s.send(numbers.slice(i, i + 100).map((id) => ({ type: 'order', id })))).status).toBe(200);
  }
  return numbers;
}

describe('order webhooks reach Ometria (issue 2)', () => {
  it('when a signed order webhook arrives, then Ometria holds exactly one correct order and its contact', async () => {
    stack = await startStack();
    seedOrder(stack, 14);
    const reply = await stack.send([{ type: 'order', id: 14, action: 'create' }]);
    expect(reply.status).toBe(200);
    const order = await waitFor(() => stack!.ometria.store.get('order', '14'), 'order 14 in Ometria');

    const fetched = await fetchOrders(
      await adaptedCentraClient({
        url: stack.centra.url,
        token: stack.centra.token,
        timeoutMs: 5_000,
        limiter: createRateLimiter(stack.service.store.rateSlots, 'centra', [{ limit: 100, windowMs: 1000 }]),
        now: Date.now,
      }),
      [14],
    );
    const centraOrder = fetched.get(14);
    if (centraOrder?.status !== 'found') throw new Error('order 14 not in the simulator');
    const { '@merge': _m, ...expected } = { ...mapOrder(centraOrder.order, { contactKey: 'c4', ometriaStore: 'example.com/uk' }), '@merge': undefined };
    expect(order).toMatchObject(expected);
    expect(order).toMatchObject({
      id: '14',
      status: 'confirmed',
      is_valid: true,
      currency: 'GBP',
      store: 'example.com/uk',
      customer: { id: 'c4', email: 'anna@example.com' },
      lineitems: [
        { product_id: 'P10001BLK', variant_id: 'P10001BLKM', sku: 'P10001BLKM', quantity: 2, unit_price: 40 },
        { product_id: 'P10001BLK', variant_id: 'P10001BLKL', quantity: 1, unit_price: 25 },
      ],
    });
    expect(validator.validate(order)).toEqual([]);

    const contact = stack.ometria.store.get('contact', 'c4', 'centra');
    expect(contact).toMatchObject({ id: 'c4', customer_id: 'c4', email: 'anna@example.com', firstname: 'Anna' });
    expect(validator.validate(contact)).toEqual([]);
    expect(stack.ometria.store.versions('order', '14')).toBe(1);
    const types = stack.ometria.pushes
      .list()
      .filter((p) => p.status === 202)
      .map((p) => p.type);
    expect(types).toEqual(['contact', 'order']);
  });

  it('when one delivery is sent 5 times, 3 at once, then one job and one push per distinct order state', async () => {
    stack = await startStack({ env: { WORKER_ENABLED: 'false' } });
    seedOrder(stack, 15);
    const replies = await Promise.all([1, 2, 3].map(() => stack!.send([{ type: 'order', id: 15 }])));
    replies.push(await stack.send([{ type: 'order', id: 15 }]), await stack.send([{ type: 'order', id: 15 }]));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await stack.service.store.jobs.countsByState()).toEqual([{ kind: 'order', state: 'pending', n: 1 }]);
    expect(await stack.service.store.deliveries.count()).toBe(5);

    await stack.restart({ WORKER_ENABLED: 'true' });
    const restarted = stack;
    await waitFor(() => restarted.ometria.store.get('order', '15'), 'order 15 in Ometria');

    for (let i = 0; i < 3; i++) expect((await restarted.send([{ type: 'order', id: 15 }])).status).toBe(200);
    await waitFor(async () => (await restarted.service.store.jobs.countsByState()).every((r) => r.state === 'done'), 'jobs settled');
    expect(restarted.ometria.store.versions('order', '15')).toBe(1);

    restarted.centra.data.orders.update(15, { status: 'PROCESSING' });
    await restarted.send([{ type: 'order', id: 15 }]);
    await waitFor(() => restarted.ometria.store.versions('order', '15') === 2, 'second order state pushed');
    await restarted.send([{ type: 'order', id: 15 }]);
    await waitFor(async () => (await restarted.service.store.jobs.countsByState()).every((r) => r.state === 'done'), 'jobs settled');
    expect(restarted.ometria.store.versions('order', '15')).toBe(2);
    expect(restarted.ometria.store.versions('contact', 'c4')).toBe(1);
  });

  it('when Ometria answers 429, then 500, then 202, then the order is delivered', async () => {
    stack = await startStack();
    seedOrder(stack, 16);
    stack.ometria.faults.queue({ status: 429, headers: { 'retry-after': '1' } }, { status: 500 });
    await stack.send([{ type: 'order', id: 16 }]);
    await waitFor(() => stack!.ometria.store.get('order', '16'), 'order 16 after 429 and 500', 20_000);
    const statuses = stack.ometria.pushes.list().map((p) => p.status);
    expect(statuses.slice(0, 2)).toEqual([429, 500]);
    expect(statuses).toContain(202);
    await waitFor(async () => (await stack!.service.store.jobs.find('order', '16'))?.state === 'done', 'job of order 16 done');
  });

  it('when a batch of 400 orders is claimed, then its first orders reach Ometria before its last are read from Centra (issue 17)', async () => {
    stack = await startStack({ env: { WORKER_ENABLED: 'false' } });
    const numbers = await queueOrders(stack, 1_000, 400);
    // A round trip like a real Centra's, so the batch's eight reads take long enough to overlap its pushes.
    stack.centra.faults.latencyMs = 100;
    await stack.restart({ WORKER_ENABLED: 'true' });
    const restarted = stack;
    await waitFor(() => numbers.every((n) => restarted.ometria.store.get('order', String(n))), 'the 400 orders in Ometria', 60_000);
    await waitFor(async () => (await restarted.service.store.jobs.countsByState()).every((r) => r.state === 'done'), 'the 400 jobs done');

    // At most 300 read orders wait unpushed, so on either engine the last slices are read after the first push;
    // a handler that reads its whole batch before pushing reads all eight first.
    const reads = restarted.centra.requests.list().filter((r) => r.operationName === 'OrdersByNumber');
    const firstOrderPush = restarted.ometria.pushes.list().find((p) => p.type === 'order' && p.status < 300);
    expect(reads.length).toBe(8);
    expect(firstOrderPush!.at).toBeLessThan(Math.max(...reads.map((r) => r.time)));
  });

  it('when a batch of 250 orders with 125 shipped parcels is claimed, then their shipment events fill pushes across chunks (issue 17)', async () => {
    stack = await startStack({ env: { WORKER_ENABLED: 'false' } });
    // Every second order has a parcel: 125 shipment events over three chunks of 100 orders.
    const numbers = await queueOrders(stack, 2_000, 250, (n) => n % 2 === 0);
    await stack.restart({ WORKER_ENABLED: 'true' });
    const restarted = stack;
    await waitFor(async () => (await restarted.service.store.jobs.countsByState()).every((r) => r.state === 'done'), 'the 250 jobs done', 60_000);

    expect(numbers.every((n) => restarted.ometria.store.get('order', String(n)))).toBe(true);
    expect(restarted.ometria.store.all('custom_event')).toHaveLength(125);
    // Three chunks of 100 orders hold 50, 50 and 25 events: pushed chunk by chunk they take three calls.
    const eventPushes = restarted.ometria.pushes.list().filter((p) => p.type === 'custom_event' && p.status === 202);
    expect(eventPushes.map((p) => p.records)).toEqual([100, 25]);
  });

  it('when a later chunk of the batch is refused (429), then orders whose events waited are rescheduled with it and all arrive (issue 17)', async () => {
    stack = await startStack({ env: { WORKER_ENABLED: 'false' } });
    // Every second order has a parcel: 125 shipment events over three chunks of 100 orders.
    const numbers = await queueOrders(stack, 2_000, 250, (n) => n % 2 === 0);
    await stack.restart({ WORKER_ENABLED: 'true' });
    const restarted = stack;
    // Refuses the push after the first order push: the second chunk's contacts, while the first chunk's events wait.
    const pushes = restarted.ometria.pushes;
    const add = pushes.add.bind(pushes);
    let refused = false;
    pushes.add = (entry) => {
      add(entry);
      if (refused || entry.type !== 'order' || entry.status !== 202) return;
      refused = true;
      restarted.ometria.faults.queue({ status: 429, headers: { 'retry-after': '1' } });
    };
    // The rescheduled jobs come back over a few seconds of jittered backoff, a batch at a time.
    await waitFor(async () => (await restarted.service.store.jobs.countsByState()).every((r) => r.state === 'done'), 'the 250 jobs done', 80_000);

    const statuses = restarted.ometria.pushes.list().map((p) => `${p.type ?? ''} ${p.status}`);
    expect(statuses.slice(0, 3)).toEqual(['contact 202', 'order 202', 'contact 429']);
    // Order 1000 was in Ometria before the refusal; its job waited for its event push and was rescheduled with the
    // second chunk, not left claimed.
    const first = await restarted.service.store.jobs.find('order', String(numbers[0]));
    expect(first).toMatchObject({ state: 'done', attempts: 1 });
    expect(restarted.ometria.store.all('custom_event')).toHaveLength(125);
    expect(numbers.every((n) => restarted.ometria.store.get('order', String(n)))).toBe(true);
  }, 90_000);

  it('when Centra hides an order (held), then the job retries later instead of dropping it', async () => {
    stack = await startStack();
    stack.centra.data.orders.add(makeSimOrder({ number: 17, isOnHold: true }));
    await stack.send([{ type: 'order', id: 17 }]);
    const job = await waitFor(async () => {
      const j = await stack!.service.store.jobs.find('order', '17');
      return j && j.attempts > 0 ? j : undefined;
    }, 'a retry of order 17');
    expect(job).toMatchObject({ state: 'pending', last_error: expect.stringMatching(/not visible in Centra yet/) });
    stack.centra.data.orders.update(17, { isOnHold: false });
    await stack.service.store.jobs.retryLater(job!.id, Date.now(), job!.last_error!, Date.now());
    stack.service.worker.wake();
    await waitFor(() => stack!.ometria.store.get('order', '17'), 'order 17 once released');
  });
});
