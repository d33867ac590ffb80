import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildOrdersQuery } from '../../server/centra/orders/fetch-orders.js';
import { adaptDocument } from '../../server/centra/schema/adapt-document.js';
import { checkSchema, orderSyncWorks } from '../../server/centra/schema/check-schema.js';
import { documentedContractSchema } from '../../server/centra/schema/lean-contract.js';
import { createSchemaAdapter } from '../../server/centra/schema/schema-adapter.js';

const small = buildSchema(`
  type Query { orders(where: OrderFilter, sort: [OrderSort!], limit: Int): [Order!]! }
  input OrderFilter { number: [Int!] }
  enum OrderSort { number_ASC }
  type Order { id: String! number: Int! lines: [Line!]! }
  type Line { id: Int! }
`);

describe('adaptDocument', () => {
  it('drops fields, sort values and fragments the schema lacks, and says which', () => {
    const out = adaptDocument(
      `query A($w: OrderFilterGuessed!, $unused: Int) {
      orders(where: $w, sort: [number_DESC, number_ASC], limit: 1) { id updatedAt returns { id } lines { id shippedQuantity } }
    }`,
      small,
    );
    expect(out.errors).toEqual([]);
    expect(out.dropped.map((d) => d.coordinate).sort()).toEqual(['Line.shippedQuantity', 'Order.returns', 'Order.updatedAt', 'OrderSort.number_DESC']);
    expect(out.text).not.toMatch(/updatedAt|returns|number_DESC|unused/);
    // A variable typed with a guessed name takes the argument's real type.
    expect(out.text).toContain('$w: OrderFilter');
  });

  it('marks a dropped filter field so the document is never sent widened', () => {
    const out = adaptDocument(`query B { orders(where: { number: 1, updatedAt: { from: "2024-01-01" } }) { id } }`, small);
    expect(out.dropped).toEqual([{ coordinate: 'OrderFilter.updatedAt', inFilter: true }]);
  });

  it('reports a document with nothing left as an error', () => {
    expect(adaptDocument(`query C { shipments { id } }`, small).errors).not.toEqual([]);
  });

  it('leaves a document the schema fully has unchanged in meaning', () => {
    const out = adaptDocument(`query D { orders(where: { number: 1 }, limit: 1) { id number } }`, small);
    expect(out).toMatchObject({ dropped: [], errors: [] });
  });

  it('adapts a real order batch to the documented contract and keeps what order sync needs', () => {
    const out = adaptDocument(buildOrdersQuery([14, 15]), documentedContractSchema());
    expect(out.errors).toEqual([]);
    const dropped = out.dropped.map((d) => d.coordinate);
    expect(dropped).toEqual(expect.arrayContaining(['Order.updatedAt', 'Order.returns', 'ShipmentLine.orderLine']));
    expect(out.text).toContain('returnedQuantity');
    expect(out.text).toMatch(/o14: orders\(where: \{number: 14\}, limit: 1\)/);
  });
});

describe('checkSchema on the documented contract alone', () => {
  const report = checkSchema(documentedContractSchema(), 'contract');
  const state = (c: string) => report.capabilities.find((r) => r.capability === c)?.state;

  it('keeps order sync working and degrades what needs guessed items', () => {
    expect(orderSyncWorks(report)).toBe(true);
    expect(state('orders')).toBe('degraded');
    expect(state('shipments')).toBe('degraded');
    expect(state('rate-limits')).toBe('ok');
  });

  it('names each missing item once, across capabilities', () => {
    const names = report.capabilities.flatMap((c) => c.missing.map((m) => m.coordinate));
    expect(new Set(names).size).toBe(names.length);
  });

  it('says order sync cannot work when Centra has no orders query', () => {
    const bare = buildSchema(`type Query { rateLimits: [Int!]! }`);
    expect(orderSyncWorks(checkSchema(bare, 'live'))).toBe(false);
  });
});

describe('the schema adapter', () => {
  it('refuses a document whose filter it would have to drop, and one missing an essential item', () => {
    const adapter = createSchemaAdapter();
    const schema = documentedContractSchema();
    adapter.adopt(schema, checkSchema(schema, 'contract'));
    expect(() => adapter.adapt(`query CustomersById { c4: customers(where: { id: [4] }, limit: 1) { id } }`)).toThrow(/CustomerFilter.id/);
    expect(adapter.canSend('CustomersById')).toBe(false);
    expect(adapter.canSend('OrdersByNumber')).toBe(true);
    expect(adapter.adapt(buildOrdersQuery([1]))).not.toMatch(/returns \{/);
  });

  it('waits for its bound check before the first document, once', async () => {
    const adapter = createSchemaAdapter();
    let checks = 0;
    adapter.bindCheck(async () => {
      checks++;
      const schema = documentedContractSchema();
      adapter.adopt(schema, checkSchema(schema, 'contract'));
    });
    await Promise.all([adapter.ready(), adapter.ready()]);
    await adapter.ready();
    expect(checks).toBe(1);
    expect(adapter.canSend('CustomersById')).toBe(false);
  });
});
