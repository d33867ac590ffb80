import { GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CentraOrderSchema } from '../../server/centra/orders/centra-order.js';
import { ORDER_FRAGMENTS } from '../../server/centra/orders/order-query.js';
import { startCentraSimulator, type CentraSimulator } from '../../sandbox/centra-simulator/index.js';
import { makeSimCustomer, makeSimLine, makeSimOrder, postToSimulator } from '../helpers/centra-factories.js';

let sim: CentraSimulator;
let clock = new Date('2024-06-10T10:00:00Z');

beforeAll(async () => {
  sim = await startCentraSimulator({ rateLimit: false, now: () => clock });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.data.clear();
  sim.requests.clear();
});

const numbers = (body: { data?: Record<string, unknown> | null }) => (body.data?.orders as Array<{ number: number }>).map((o) => o.number);

describe('Centra simulator orders', () => {
  it('answers a batch of aliased order queries in one request, each passing CentraOrderSchema', async () => {
    sim.data.orders.add(makeSimOrder({ number: 14 }), makeSimOrder({ number: 15, currency: 'SEK' }), makeSimOrder({ number: 16 }));
    const query = `query Batch {
      o14: orders(where: { number: 14 }, limit: 1) { ...OrderFields }
      o15: orders(where: { number: 15 }, limit: 1) { ...OrderFields }
      o99: orders(where: { number: 99 }, limit: 1) { ...OrderFields }
    }
    ${ORDER_FRAGMENTS}`;
    const { status, body } = await postToSimulator(sim, query, { operationName: 'Batch' });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const o14 = CentraOrderSchema.parse((body.data!.o14 as unknown[])[0]);
    const o15 = CentraOrderSchema.parse((body.data!.o15 as unknown[])[0]);
    expect([o14.number, o15.number]).toEqual([14, 15]);
    expect(o15.grandTotal.currency.code).toBe('SEK');
    expect(o14.__typename).toBe('DirectToConsumerOrder');
    expect(body.data!.o99).toEqual([]);
    expect(sim.requests.list()[0]).toMatchObject({ status: 200, operationName: 'Batch', topLevelFields: 3 });
  });

  it('hides orders on hold from orders(), order(id) and counters until released', async () => {
    const held = makeSimOrder({ number: 20, isOnHold: true });
    sim.data.orders.add(held, makeSimOrder({ number: 21 }));
    const q = `{ orders(limit: 10) { number } one: order(id: "${held.id}") { number } counters { orders } }`;
    const before = await postToSimulator(sim, q);
    expect(numbers(before.body)).toEqual([21]);
    expect(before.body.data!.one).toBeNull();
    expect(before.body.data!.counters).toEqual({ orders: 1 });
    sim.data.orders.update(20, { isOnHold: false });
    expect(numbers((await postToSimulator(sim, q)).body)).toEqual([20, 21]);
  });

  it('pages 1-based and sorts by number, orderDate, createdAt and updatedAt', async () => {
    for (const [n, day] of [
      [1, 5],
      [2, 3],
      [3, 4],
      [4, 1],
      [5, 2],
    ] as const) {
      const at = `2024-06-0${day}T12:00:00+02:00`;
      sim.data.orders.add(makeSimOrder({ number: n, createdAt: at, orderDate: at, updatedAt: at }));
    }
    const page = async (args: string) => numbers((await postToSimulator(sim, `{ orders(${args}) { number } }`)).body);
    expect(await page('limit: 2, page: 1')).toEqual([1, 2]);
    expect(await page('limit: 2, page: 3')).toEqual([5]);
    expect(await page('limit: 2, page: 4')).toEqual([]);
    expect(await page('sort: [number_DESC], limit: 3')).toEqual([5, 4, 3]);
    expect(await page('sort: [orderDate_ASC], limit: 5')).toEqual([4, 5, 2, 3, 1]);
    expect(await page('sort: [createdAt_DESC], limit: 2')).toEqual([1, 3]);
    expect(await page('sort: [updatedAt_ASC], limit: 2, page: 2')).toEqual([2, 3]);
  });

  it('filters on status, storeType, customerId and date ranges, zone-less bounds at the store offset', async () => {
    sim.data.orders.add(
      makeSimOrder({ number: 1, status: 'PENDING', createdAt: '2024-06-01T09:00:00+02:00', customer: { id: 7 } }),
      makeSimOrder({ number: 2, status: 'CANCELLED', createdAt: '2024-06-02T09:00:00+02:00' }),
      makeSimOrder({ number: 3, createdAt: '2024-06-03T09:00:00+02:00' }),
    );
    const where = async (w: string) => numbers((await postToSimulator(sim, `{ orders(where: ${w}, limit: 10) { number } }`)).body);
    expect(await where('{ status: [PENDING, CANCELLED] }')).toEqual([1, 2]);
    expect(await where('{ storeType: WHOLESALE }')).toEqual([]);
    expect(await where('{ customerId: 7 }')).toEqual([1]);
    expect(await where('{ createdAt: { from: "2024-06-02 09:00:00", to: "2024-06-03T07:00:00Z" } }')).toEqual([2, 3]);
    expect(await where('{ number: [3, 1] }')).toEqual([1, 3]);
  });

  it('drops fully cancelled lines unless includeFullyCancelled is true', async () => {
    sim.data.orders.add(makeSimOrder({ number: 30, lines: [makeSimLine({ id: 301 }), makeSimLine({ id: 302, quantity: 0, cancelledQuantity: 2 })] }));
    const { body } = await postToSimulator(
      sim,
      `{ orders(where: { number: 30 }) {
      default: lines { id } all: lines(includeFullyCancelled: true) { id } } }`,
    );
    const [order] = body.data!.orders as Array<{ default: Array<{ id: number }>; all: Array<{ id: number }> }>;
    expect(order!.default.map((l) => l.id)).toEqual([301]);
    expect(order!.all.map((l) => l.id)).toEqual([301, 302]);
  });

  it('returns money as {value, currency {id code}, formattedValue} and dates with an offset', async () => {
    sim.data.orders.add(
      makeSimOrder({ number: 40, currency: 'SEK', lines: [makeSimLine({ price: 700, currency: 'SEK' })], shipping: 0, createdAt: '2024-06-03T16:00:00Z' }),
    );
    const { body } = await postToSimulator(
      sim,
      `{ orders(where: { number: 40 }) {
      createdAt compact: createdAt(format: "Y-m-d\\\\TH:i:sO") grandTotal { value currency { id code } formattedValue } } }`,
    );
    const [order] = body.data!.orders as Array<Record<string, unknown>>;
    expect(order!.grandTotal).toEqual({ value: 700, currency: { id: 2, code: 'SEK' }, formattedValue: '700.00 SEK' });
    expect(order!.createdAt).toBe('2024-06-03T18:00:00+02:00');
    expect(order!.compact).toBe('2024-06-03T18:00:00+0200');
  });

  it('bumps updatedAt with the data clock on update', async () => {
    sim.data.orders.add(makeSimOrder({ number: 50 }));
    clock = new Date('2024-07-01T08:30:00Z');
    sim.data.orders.update(50, { status: 'SHIPPED' });
    const { body } = await postToSimulator(sim, '{ orders(where: { number: 50 }) { status updatedAt } }');
    expect(body.data!.orders).toEqual([{ status: 'SHIPPED', updatedAt: '2024-07-01T10:30:00+02:00' }]);
  });

  it('resolves the order customer from the customer table and finds customers by email', async () => {
    sim.data.customers.add(
      makeSimCustomer({ id: 7, email: 'Same@Example.com', isRegistered: true }),
      makeSimCustomer({ id: 8, email: 'same@example.com', isRegistered: false }),
    );
    sim.data.orders.add(makeSimOrder({ number: 60, customer: { id: 8 } }));
    const { body } = await postToSimulator(
      sim,
      `{
      orders(where: { number: 60 }) { ... on DirectToConsumerOrder { customer { id isRegistered totalOrders } } }
      customers(where: { email: { equals: "same@example.com" } }) { id } }`,
    );
    expect(body.data!.orders).toEqual([{ customer: { id: 8, isRegistered: false, totalOrders: 1 } }]);
    expect(body.data!.customers).toEqual([{ id: 7 }, { id: 8 }]);
  });

  it('serves graphql-request rawRequest with errorPolicy all, as the service calls it', async () => {
    sim.data.orders.add(makeSimOrder({ number: 70 }));
    const client = new GraphQLClient(sim.url, { headers: { Authorization: `Bearer ${sim.token}` }, errorPolicy: 'all' });
    const res = await client.rawRequest<{ a: Array<{ number: number }>; b: unknown[] }>(
      'query Pair($n: [Int!]) { a: orders(where: { number: $n }, limit: 1) { number } b: orders(where: { number: 71 }, limit: 1) { number } }',
      { n: [70] },
    );
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ a: [{ number: 70 }], b: [] });
  });
});
