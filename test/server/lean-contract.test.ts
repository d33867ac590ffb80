import { readFileSync } from 'node:fs';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, validateSchema, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { documentedContractSchema, guessedCoordinates, leanContractSdl } from '../../server/centra/schema/lean-contract.js';
import { contractPath } from '../../server/package-root.js';

const contract = readFileSync(contractPath('centra-integration.graphql'), 'utf8');

/** Whether a schema coordinate (`Type.field`, `Enum.VALUE`, `Input.field`) exists in `schema`. */
function has(schema: GraphQLSchema, coordinate: string): boolean {
  const [typeName, member] = coordinate.split('.') as [string, string];
  const type = schema.getType(typeName);
  if (isEnumType(type)) return type.getValue(member) !== undefined;
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) return member in type.getFields();
  return false;
}

describe('guessedCoordinates', () => {
  const guessed = guessedCoordinates(contract);

  it('finds fields, enum values, input fields and root fields marked # guessed', () => {
    for (const c of [
      'Order.updatedAt',
      'DirectToConsumerOrder.returns',
      'ShipmentLine.orderLine',
      'ReturnLine.quantity',
      'Query.newsletterSubscriptions',
      'ProductSort.id_ASC',
      'OrderFilter.updatedAt',
      'OrderStatus.DELETED',
    ]) {
      expect(guessed, c).toContain(c);
    }
  });

  it('leaves documented items, "# documented: … guessed" and comments on a type\'s opening line alone', () => {
    for (const c of [
      'Order.number',
      'OrderLine.returnedQuantity',
      'Query.returns',
      'StockTotals.availableQuantity',
      'Query.displayItems',
      'Order.createdAt',
      'ProductSort.id_DESC',
      'OrderStatus.SHIPPED',
    ]) {
      expect(guessed, c).not.toContain(c);
    }
    expect([...guessed].filter((c) => !c.includes('.'))).toEqual([]);
  });

  it('names an argument on its own line as Type.field(arg:)', () => {
    const sdl = `type Query {\n  things(\n    where: String # guessed\n    limit: Int\n  ): [String!]!\n}\n`;
    expect([...guessedCoordinates(sdl)]).toEqual(['Query.things(where:)']);
  });
});

describe('leanContractSdl', () => {
  const lean = buildSchema(leanContractSdl(contract));

  it('builds into a valid schema (interfaces and implementations agree), and drops every guessed item', () => {
    expect(validateSchema(lean).map((e) => e.message)).toEqual([]);
    for (const c of [
      'Order.updatedAt',
      'DirectToConsumerOrder.updatedAt',
      'Order.returns',
      'ShipmentLine.orderLine',
      'ReturnLine.quantity',
      'Query.newsletterSubscriptions',
      'ProductSort.id_ASC',
      'OrderFilter.updatedAt',
    ]) {
      expect(has(lean, c), c).toBe(false);
    }
  });

  it('keeps documented items', () => {
    for (const c of [
      'Order.number',
      'OrderLine.returnedQuantity',
      'Query.returns',
      'StockTotals.availableQuantity',
      'Return.refundPaymentHistory',
      'ProductSort.updatedAt_DESC',
      'Query.orders',
      'UserError.message',
    ]) {
      expect(has(lean, c), c).toBe(true);
    }
  });

  it('removes what is left empty and what points at it, transitively', () => {
    // Every field of ShipmentFilter and every value of ReturnStatus and StoreSort is guessed.
    expect(lean.getType('ShipmentFilter')).toBeUndefined();
    expect(lean.getType('ReturnStatus')).toBeUndefined();
    expect(has(lean, 'Return.status')).toBe(false);
    expect(lean.getType('StoreSort')).toBeUndefined();
    expect(
      lean
        .getQueryType()!
        .getFields()
        .stores!.args.map((a) => a.name),
    ).toEqual(['where', 'limit', 'page']);
  });

  it('removes a planted guessed field, and a field whose required argument lost its type', () => {
    const sdl = `
      type Query {
        a: Int
        b: Int # guessed: planted
        c(x: OnlyGuessed!): Int
        d(x: OnlyGuessed, y: Int): Int
      }
      input OnlyGuessed { # guessed: type name
        p: Int # guessed
      }
    `;
    const schema = buildSchema(leanContractSdl(sdl));
    expect(Object.keys(schema.getQueryType()!.getFields())).toEqual(['a', 'd']);
    expect(
      schema
        .getQueryType()!
        .getFields()
        .d!.args.map((a) => a.name),
    ).toEqual(['y']);
    expect(schema.getType('OnlyGuessed')).toBeUndefined();
  });

  it('keeps interfaces and their implementations consistent', () => {
    const sdl = `
      type Query { n: Node, e: Empty }
      interface Node { id: Int!, when: String, gone: Int # guessed
      }
      type Thing implements Node { id: Int!, when: String # guessed
        gone: Int # guessed
      }
      interface Empty { z: Int # guessed
      }
      type Other implements Empty & Node { id: Int!, when: String, gone: Int }
    `;
    const schema = buildSchema(leanContractSdl(sdl));
    expect(validateSchema(schema)).toEqual([]);
    expect(Object.keys((schema.getType('Node') as never as { getFields(): object }).getFields())).toEqual(['id']);
    expect(schema.getType('Empty')).toBeUndefined();
    expect(Object.keys(schema.getQueryType()!.getFields())).toEqual(['n']);
  });
});

describe('documentedContractSchema', () => {
  it('is the lean contract, built once', () => {
    const schema = documentedContractSchema();
    expect(documentedContractSchema()).toBe(schema);
    expect(has(schema, 'Order.updatedAt')).toBe(false);
    expect(has(schema, 'Order.number')).toBe(true);
  });
});
