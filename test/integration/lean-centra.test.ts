import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_CHECK_KEY, type StoredSchemaCheck } from '../../server/centra/schema/run-schema-check.js';
import type { SimSchemaMode } from '../../sandbox/centra-simulator/index.js';
import { makeSimLine, makeSimOrder, makeSimReturn, makeSimShipment } from '../helpers/centra-factories.js';
import { runCliProcess } from '../helpers/child-service.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { waitFor } from '../helpers/wait-for.js';

const stacks: Stack[] = [];
afterEach(async () => {
  await Promise.all(stacks.splice(0).map((s) => s.close()));
});

const settled = (s: Stack) =>
  waitFor(async () => {
    const counts = await s.service.store.jobs.countsByState();
    return counts.length > 0 && counts.every((r) => r.state === 'done' || r.state === 'dead');
  }, 'all jobs settled');

/**
 * One shop's life, the same against either contract: a plain order, a completed order (SHIPPED) with a shipment
 * and a completed return of one unit, and a cancelled order. Webhooks as Centra sends them: order, return.
 */
async function runShop(schema: SimSchemaMode) {
  const stack = await startStack({ centra: { schema } });
  stacks.push(stack);
  const customer = { id: 9, email: 'lean@example.com', firstName: 'Lea', lastName: 'Lean' };
  const plain = makeSimOrder({ number: 80, customer, lines: [makeSimLine({ id: 801, quantity: 1, price: 30 })] });
  const completed = makeSimOrder({
    number: 81,
    status: 'SHIPPED',
    customer,
    lines: [
      makeSimLine({ id: 811, quantity: 2, price: 40 }),
      makeSimLine({ id: 812, price: 25, productSize: { id: 112, SKU: 'P10001BLKL', sizeNumber: 'L', description: 'L', EAN: null } }),
    ],
  });
  const cancelled = makeSimOrder({ number: 82, status: 'CANCELLED', customer, lines: [makeSimLine({ id: 821, quantity: 1, price: 10 })] });
  for (const o of [plain, completed, cancelled]) stack.centra.data.orders.add(o);
  const shipment = makeSimShipment(completed, {
    id: 481,
    number: '81-1',
    trackingNumber: '1Z999AA10123456784',
    carrierInformation: { carrierName: 'UPS', serviceName: 'Standard' },
  });
  stack.centra.data.shipments.add(shipment);
  stack.centra.data.returns.add(
    makeSimReturn(shipment, {
      id: 581,
      status: 'COMPLETED',
      returnStatus: 'COMPLETED',
      lines: [{ id: 5811, quantity: 1, shipmentLine: { id: shipment.lines[0]!.id }, orderLine: null }],
    }),
  );

  await stack.send([
    { type: 'order', id: 80 },
    { type: 'order', id: 81 },
    { type: 'order', id: 82 },
  ]);
  await waitFor(() => ['80', '81', '82'].every((n) => stack.ometria.store.get('order', n)), `${schema}: three orders in Ometria`);
  await stack.send([{ type: 'return', id: 581 }]);
  await settled(stack);
  return {
    stack,
    orders: ['80', '81', '82'].map((n) => stack.ometria.store.get('order', n)),
    events: stack.ometria.store.all('custom_event'),
    contact: stack.ometria.store.get('contact', 'c9', 'centra'),
  };
}

describe('against a Centra without any guessed item (CENTRA_SIM_SCHEMA=lean)', () => {
  it('orders, shipments in them and returns reach Ometria exactly as against the full contract, without extra requests', async () => {
    const full = await runShop('full');
    const lean = await runShop('lean');
    expect(lean.orders[1]).toMatchObject({
      status: 'partially_returned',
      lineitems: [{ quantity: 2, quantity_refunded: 1, refunded: 40 }, { quantity: 1 }],
      properties: { tracking_number: '1Z999AA10123456784', carrier: 'UPS' },
    });
    expect(lean.orders[2]).toMatchObject({ status: 'cancelled', is_valid: false });
    expect(lean.orders).toEqual(full.orders);
    expect(lean.events).toEqual(full.events);
    expect(lean.contact).toEqual(full.contact);
    // No retry storm: the lean run sends what the work needs (introspection, quota, order and return reads).
    const centraRequests = (s: Stack) => s.centra.requests.count((r) => r.status !== 0);
    expect(centraRequests(lean.stack)).toBeLessThanOrEqual(centraRequests(full.stack) + 2);
    expect(lean.stack.centra.requests.count((r) => r.status >= 400)).toBe(0);
    expect(await lean.stack.service.store.deadLetters.countOpen()).toBe(0);
  });

  it('degrades each other capability with exactly one alert naming it, and keeps order sync', async () => {
    const stack = await startStack({ centra: { schema: 'lean' } });
    stacks.push(stack);
    const check = (await waitFor(() => stack.service.store.kv.get<StoredSchemaCheck>(SCHEMA_CHECK_KEY), 'schema check stored'))!;
    expect(check.source).toBe('live');
    const notOk = check.capabilities.filter((c) => c.state !== 'ok');
    expect(notOk.map((c) => c.capability)).toEqual(expect.arrayContaining(['shipments', 'customers', 'newsletter', 'marketing-consent']));
    expect(check.capabilities.find((c) => c.capability === 'orders')!.state).not.toBe('unavailable');
    const alerts = (await stack.service.store.alerts.listOpen()).filter((a) => a.kind === 'centra_schema');
    expect(alerts.map((a) => a.entity).sort()).toEqual(notOk.map((c) => `Centra capability ${c.capability}`).sort());
    for (const c of notOk) {
      const alert = alerts.find((a) => a.entity === `Centra capability ${c.capability}`)!;
      for (const m of c.missing.filter((m) => m.effect !== 'exact')) expect(alert.message).toContain(m.coordinate);
    }
  });

  it('doctor exits 0, names each dropped item once, and reports the live rate limits', async () => {
    const stack = await startStack({ centra: { schema: 'lean' } });
    stacks.push(stack);
    const env = { CENTRA_API_URL: stack.centra.url, CENTRA_API_TOKEN: stack.centra.token };
    const human = await runCliProcess(['doctor'], env);
    expect(human.stderr).toBe('');
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Order sync works');
    const json = await runCliProcess(['doctor', '--json'], env);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { capabilities: Array<{ missing: Array<{ coordinate: string }> }>; rateLimits: Array<{ type: string }> };
    const named = report.capabilities.flatMap((c) => c.missing.map((m) => m.coordinate));
    expect(named).toEqual(expect.arrayContaining(['Order.updatedAt', 'Order.returns', 'ShipmentLine.orderLine', 'Query.newsletterSubscriptions']));
    for (const coordinate of named) expect(human.stdout.split(`- ${coordinate} missing`).length - 1).toBe(1);
    expect(report.rateLimits.map((r) => r.type)).toEqual(expect.arrayContaining(['REQUEST_COUNT', 'QUERY_COMPLEXITY']));
  });

  it('doctor exits 1 for a Centra whose schema cannot sync orders, offline from a saved introspection', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    // node:path's join does not use `this`.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { buildSchema, introspectionFromSchema } = await import('graphql');
    const file = join(mkdtempSync(join(tmpdir(), 'doctor-')), 'schema.json');
    writeFileSync(file, JSON.stringify({ data: introspectionFromSchema(buildSchema('type Query { rateLimits: [Int!]! }')) }));
    const out = await runCliProcess(['doctor', '--schema', file], {});
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/orders\s+unavailable/);
  });
});
