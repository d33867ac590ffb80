import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedCatalogue, startCentraSimulator, type CentraSimulator } from '../../sandbox/centra-simulator/index.js';
import { makeSimLine, makeSimOrder, makeSimReturn, makeSimShipment, postToSimulator } from '../helpers/centra-factories.js';

let sim: CentraSimulator;
beforeAll(async () => {
  sim = await startCentraSimulator({ rateLimit: false });
});
afterAll(() => sim.close());
beforeEach(() => sim.data.clear());

const LINES = '{ orders(limit: 1) { status lines { id quantity returnedQuantity shippedQuantity } } }';
const REFUNDS = `{ returns(sort: [id_ASC], limit: 10) { id status refundPaymentHistory {
  id createdAt status entryType value { value currency { code } } paymentMethod } } }`;

/** An order of two lines (2 × 30.00 and 1 × 50.00 GBP) shipped in two shipments, the second not yet sent. */
function shippedOrder() {
  const a = makeSimLine({ id: 1, quantity: 2, price: 30 });
  const b = makeSimLine({ id: 2, quantity: 1, price: 50 });
  const order = makeSimOrder({ number: 70, status: 'SHIPPED', lines: [a, b] });
  order.paymentMethod = { uri: 'klarna-checkout', plugin: 'klarna' };
  const first = makeSimShipment(order, { id: 701, lines: [{ id: 7011, quantity: 2, orderLine: { id: 1 } }] });
  const second = makeSimShipment(order, { id: 702, isShipped: false, shippedAt: null, lines: [{ id: 7021, quantity: 1, orderLine: { id: 2 } }] });
  sim.data.orders.add(order);
  sim.data.shipments.add(first, second);
  return { order, first, second };
}

describe('Centra simulator after-sale quantities and refunds', () => {
  it('serves a completed order as SHIPPED, with shipped quantities from shipped shipments only', async () => {
    const { second } = shippedOrder();
    const { body } = await postToSimulator(sim, LINES);
    expect(body.errors).toBeUndefined();
    expect(body.data!.orders).toEqual([
      {
        status: 'SHIPPED',
        lines: [
          { id: 1, quantity: 2, returnedQuantity: 0, shippedQuantity: 2 },
          { id: 2, quantity: 1, returnedQuantity: 0, shippedQuantity: 0 },
        ],
      },
    ]);
    sim.data.shipments.update(second.id, { isShipped: true });
    const after = await postToSimulator(sim, LINES);
    expect((after.body.data!.orders as Array<{ lines: Array<{ shippedQuantity: number }> }>)[0]!.lines.map((l) => l.shippedQuantity)).toEqual([2, 1]);
  });

  it('counts returned quantities over completed returns only, by order line or through the shipment line', async () => {
    const { first } = shippedOrder();
    sim.data.returns.add(
      makeSimReturn(first, { id: 81, status: 'COMPLETED', lines: [{ id: 811, quantity: 1, shipmentLine: { id: 7011 }, orderLine: null }] }),
      makeSimReturn(first, { id: 82, status: 'PENDING', lines: [{ id: 821, quantity: 1, shipmentLine: null, orderLine: { id: 1 } }] }),
    );
    const returned = async () =>
      ((await postToSimulator(sim, LINES)).body.data!.orders as Array<{ lines: Array<{ returnedQuantity: number }> }>)[0]!.lines.map((l) => l.returnedQuantity);
    expect(await returned()).toEqual([1, 0]);
    sim.data.returns.update(82, { status: 'COMPLETED' });
    expect(await returned()).toEqual([2, 0]);
  });

  it("gives a completed return one SUCCESS REFUND entry of its lines' paid value, and a pending one none", async () => {
    const { first } = shippedOrder();
    sim.data.returns.add(
      makeSimReturn(first, {
        id: 81,
        status: 'COMPLETED',
        updatedAt: '2024-06-10T12:00:00+02:00',
        lines: [{ id: 811, quantity: 1, shipmentLine: { id: 7011 }, orderLine: null }],
      }),
      makeSimReturn(first, { id: 82, status: 'PENDING' }),
    );
    const { body } = await postToSimulator(sim, REFUNDS);
    expect(body.errors).toBeUndefined();
    expect(body.data!.returns).toEqual([
      {
        id: 81,
        status: 'COMPLETED',
        refundPaymentHistory: [
          {
            id: 1_000_081,
            createdAt: '2024-06-10T12:00:00+02:00',
            status: 'SUCCESS',
            entryType: 'REFUND',
            value: { value: 30, currency: { code: 'GBP' } },
            paymentMethod: 'klarna',
          },
        ],
      },
      { id: 82, status: 'PENDING', refundPaymentHistory: [] },
    ]);
  });

  it('in lean mode still answers returnedQuantity and refundPaymentHistory, the REFUND entry type it cannot name as null', async () => {
    const lean = await startCentraSimulator({ rateLimit: false, schema: 'lean', data: sim.data });
    try {
      const { first } = shippedOrder();
      sim.data.returns.add(makeSimReturn(first, { id: 81, status: 'COMPLETED' }));
      const lines = await postToSimulator(lean, '{ orders(limit: 1) { lines { returnedQuantity } } }');
      expect(lines.body.data).toEqual({ orders: [{ lines: [{ returnedQuantity: 2 }, { returnedQuantity: 0 }] }] });
      const refunds = await postToSimulator(lean, '{ returns(limit: 1) { id refundPaymentHistory { status entryType value { value } } } }');
      expect(refunds.body.errors).toBeUndefined();
      expect(refunds.body.data).toEqual({ returns: [{ id: 81, refundPaymentHistory: [{ status: 'SUCCESS', entryType: null, value: { value: 60 } }] }] });
    } finally {
      await lean.close();
    }
  });

  it('pages products by updatedAt, newest or oldest first', async () => {
    seedCatalogue(sim.data, { products: 4 });
    sim.data.products.update(2, { updatedAt: '2024-06-01T10:00:00+02:00' });
    const ids = async (sort: string) =>
      ((await postToSimulator(sim, `{ products(sort: [${sort}], limit: 3) { id } }`)).body.data!.products as Array<{ id: number }>).map((p) => p.id);
    expect(await ids('updatedAt_DESC')).toEqual([2, 4, 3]);
    expect(await ids('updatedAt_ASC')).toEqual([1, 3, 4]);
  });
});
