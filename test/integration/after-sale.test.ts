import { afterEach, describe, expect, it } from 'vitest';
import { createOpenApiValidator } from '../../server/ometria/openapi-validator.js';
import type { SimDtcOrder } from '../../sandbox/centra-simulator/index.js';
import { makeSimLine, makeSimOrder, makeSimReturn, makeSimShipment } from '../helpers/centra-factories.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { waitFor } from '../helpers/wait-for.js';
import { itOnFullContract } from '../helpers/full-contract-only.js';

const stacks: Stack[] = [];
afterEach(async () => {
  await Promise.all(stacks.splice(0).map((s) => s.close()));
});

const validator = createOpenApiValidator();

async function stackWithOrder(number: number): Promise<{ stack: Stack; order: SimDtcOrder }> {
  const stack = await startStack();
  stacks.push(stack);
  const order = makeSimOrder({
    number,
    customer: { id: 8, email: 'ship@example.com', firstName: 'Sam', lastName: 'Ship' },
    lines: [
      makeSimLine({ id: 701, quantity: 2, price: 40 }),
      makeSimLine({ id: 702, price: 25, productSize: { id: 112, SKU: 'P10001BLKL', sizeNumber: 'L', description: 'L', EAN: null } }),
    ],
  });
  stack.centra.data.orders.add(order);
  return { stack, order };
}

const settled = (s: Stack) =>
  waitFor(async () => {
    const counts = await s.service.store.jobs.countsByState();
    return counts.length > 0 && counts.every((r) => r.state === 'done' || r.state === 'dead');
  }, 'all jobs settled');

function finalState(s: Stack, number: number) {
  return { order: s.ometria.store.get('order', String(number)), events: s.ometria.store.all('custom_event') };
}

describe('after-sale truth (issue 3)', () => {
  itOnFullContract(
    'Query.shipments to trace a shipment webhook',
    'order → shipment → partial return ends with tracking, a shipped event and the refund on the line; shuffled duplicates end the same',
    async () => {
      const { stack, order } = await stackWithOrder(70);
      await stack.send([{ type: 'order', id: 70, action: 'create' }]);
      await waitFor(() => stack.ometria.store.get('order', '70'), 'order 70');
      const shipment = makeSimShipment(order, {
        id: 345,
        number: '70-1',
        trackingNumber: '1Z999AA10123456784',
        carrierInformation: { carrierName: 'UPS', serviceName: 'Standard' },
      });
      stack.centra.data.shipments.add(shipment);
      await stack.send([
        { type: 'shipment', id: 345, action: 'create' },
        { type: 'shipment', id: 345, action: 'good_to_go' },
      ]);
      await waitFor(() => stack.ometria.store.get('order', '70')?.status === 'shipped', 'order 70 shipped');
      const ret = makeSimReturn(shipment, {
        id: 315,
        status: 'COMPLETED',
        lines: [{ id: 1, quantity: 1, shipmentLine: { id: shipment.lines[0]!.id }, orderLine: null }],
      });
      stack.centra.data.returns.add(ret);
      await stack.send([{ type: 'return', id: 315, action: 'create' }]);
      await waitFor(() => stack.ometria.store.get('order', '70')?.status === 'partially_returned', 'order 70 partially returned');
      await settled(stack);

      const first = finalState(stack, 70);
      expect(first.order).toMatchObject({
        status: 'partially_returned',
        is_valid: true,
        lineitems: [
          { sku: 'P10001BLKM', quantity: 2, quantity_refunded: 1, refunded: 40 },
          { sku: 'P10001BLKL', quantity: 1 },
        ],
        properties: {
          tracking_number: '1Z999AA10123456784',
          carrier: 'UPS',
          tracking_url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
          shipments_count: 1,
        },
      });
      expect(first.events).toEqual([
        expect.objectContaining({
          id: 'ship-345',
          event_type: 'order_shipped',
          identity_account_id: 'c8',
          properties: expect.objectContaining({ order_number: '70', shipment_number: '70-1', carrier: 'UPS' }),
        }),
      ]);
      for (const record of [first.order, ...first.events, stack.ometria.store.get('contact', 'c8', 'centra')]) expect(validator.validate(record)).toEqual([]);

      const { stack: other } = await stackWithOrder(70);
      other.centra.data.shipments.add(shipment);
      other.centra.data.returns.add(ret);
      const events = [
        { type: 'return', id: 315 },
        { type: 'shipment', id: 345 },
        { type: 'order', id: 70 },
        { type: 'return', id: 315 },
        { type: 'order', id: 70 },
        { type: 'shipment', id: 345 },
      ];
      await Promise.all([other.send(events.slice(0, 3)), other.send(events.slice(3).reverse()), other.send([events[0]!])]);
      await waitFor(() => other.ometria.store.get('order', '70')?.status === 'partially_returned', 'shuffled: order 70 partially returned');
      await settled(other);
      const second = finalState(other, 70);
      expect(second).toEqual(first);
      expect(other.ometria.store.versions('order', '70')).toBe(1);
      expect(other.ometria.store.versions('custom_event', 'ship-345')).toBe(1);
    },
  );

  it('a return that is un-completed or deleted in Centra is taken back out', async () => {
    const { stack, order } = await stackWithOrder(71);
    const shipment = makeSimShipment(order, { id: 346, number: '71-1' });
    const ret = makeSimReturn(shipment, { id: 316, status: 'COMPLETED' });
    stack.centra.data.shipments.add(shipment);
    stack.centra.data.returns.add(ret);
    await stack.send([{ type: 'order', id: 71 }]);
    await waitFor(() => stack.ometria.store.get('order', '71')?.status === 'returned', 'order 71 returned');

    stack.centra.data.returns.update(316, { status: 'PENDING' });
    await stack.send([{ type: 'return', id: 316, action: 'update' }]);
    await waitFor(() => stack.ometria.store.get('order', '71')?.status === 'shipped', 'return un-completed');
    const lines = (stack.ometria.store.get('order', '71') as { lineitems: Array<{ quantity_refunded?: number }> }).lineitems;
    expect(lines.every((l) => l.quantity_refunded === undefined)).toBe(true);

    stack.centra.data.returns.update(316, { status: 'COMPLETED' });
    await stack.send([{ type: 'return', id: 316 }]);
    await waitFor(() => stack.ometria.store.get('order', '71')?.status === 'returned', 'return completed again');
    stack.centra.data.returns.remove(316);
    await stack.send([{ type: 'return', id: 316, action: 'delete' }]);
    await waitFor(() => stack.ometria.store.get('order', '71')?.status === 'shipped', 'deleted return taken out');
  });

  itOnFullContract('Order.updatedAt', 'a late, older state never overwrites a newer one', async () => {
    const { stack } = await stackWithOrder(72);
    stack.centra.data.orders.update(72, { status: 'PROCESSING', updatedAt: '2024-06-05T10:00:00+02:00' });
    await stack.send([{ type: 'order', id: 72 }]);
    await waitFor(() => stack.ometria.store.get('order', '72')?.status === 'processing', 'order 72 processing');
    stack.centra.data.orders.update(72, { status: 'CONFIRMED', updatedAt: '2024-06-04T10:00:00+02:00' });
    await stack.send([{ type: 'order', id: 72 }]);
    await settled(stack);
    expect(stack.ometria.store.get('order', '72')?.status).toBe('processing');
    expect(stack.ometria.store.versions('order', '72')).toBe(1);
  });

  it('a shipment with a tracking number but no carrier raises one alert for ecommerce, resolved once the carrier is set', async () => {
    const { stack, order } = await stackWithOrder(73);
    stack.centra.data.shipments.add(makeSimShipment(order, { id: 347, number: '73-1', carrierInformation: { carrierName: null, serviceName: null } }));
    await stack.send([
      { type: 'shipment', id: 347 },
      { type: 'order', id: 73 },
    ]);
    const alert = await waitFor(async () => (await stack.service.store.alerts.listOpen()).find((a) => a.kind === 'shipment_without_carrier'), 'carrier alert');
    expect(alert).toMatchObject({ team: 'ecommerce', message: 'shipment 73-1 has a tracking number but no carrier: Ometria cannot build a tracking link' });
    stack.centra.data.shipments.update(347, { carrierInformation: { carrierName: 'DHL', serviceName: 'Express' } });
    await stack.send([{ type: 'shipment', id: 347 }]);
    await waitFor(async () => !(await stack.service.store.alerts.listOpen()).some((a) => a.kind === 'shipment_without_carrier'), 'alert resolved');
    // The alert is settled while the shipment is mapped, before the order's push is answered.
    await waitFor(
      () => (stack.ometria.store.get('order', '73')?.properties as { carrier?: string } | undefined)?.carrier === 'DHL',
      'order 73 re-pushed with its carrier',
    );
    expect(stack.ometria.store.get('order', '73')?.properties).toMatchObject({ carrier: 'DHL', tracking_url: expect.stringContaining('dhl.com') });
  });
});
