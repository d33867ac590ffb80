import { buildClientSchema, getIntrospectionQuery, isObjectType, type IntrospectionQuery } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { startCentraSimulator, type CentraSimulator } from '../../sandbox/centra-simulator/index.js';
import { makeSimOrder, postToSimulator } from '../helpers/centra-factories.js';

let sim: CentraSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function introspect(s: CentraSimulator) {
  const { status, body } = await postToSimulator(s, getIntrospectionQuery());
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  return buildClientSchema(body.data as unknown as IntrospectionQuery);
}

const fieldsOf = (schema: ReturnType<typeof buildClientSchema>, type: string) => {
  const t = schema.getType(type);
  return isObjectType(t) ? Object.keys(t.getFields()) : [];
};

describe('Centra simulator schema modes', () => {
  it('serves the full contract by default, and introspection says so', async () => {
    sim = await startCentraSimulator({ rateLimit: false });
    expect(sim.schema).toBe('full');
    const schema = await introspect(sim);
    expect(fieldsOf(schema, 'DirectToConsumerOrder')).toContain('updatedAt');
    expect(fieldsOf(schema, 'Query')).toContain('newsletterSubscriptions');
  });

  it('with schema: lean, introspection lacks every guessed item and keeps the documented ones', async () => {
    sim = await startCentraSimulator({ rateLimit: false, schema: 'lean' });
    const schema = await introspect(sim);
    expect(fieldsOf(schema, 'DirectToConsumerOrder')).not.toContain('updatedAt');
    expect(fieldsOf(schema, 'DirectToConsumerOrder')).toContain('number');
    expect(fieldsOf(schema, 'Query')).not.toContain('newsletterSubscriptions');
    expect(fieldsOf(schema, 'OrderLine')).toContain('returnedQuantity');
    expect(schema.getType('__Type')).toBeDefined();
  });

  it('with schema: lean, refuses a guessed field with 400 and answers the documented ones', async () => {
    sim = await startCentraSimulator({ rateLimit: false, schema: 'lean' });
    sim.data.orders.add(makeSimOrder({ number: 14 }));
    const guessed = await postToSimulator(sim, '{ orders(limit: 1) { number updatedAt } }');
    expect(guessed.status).toBe(400);
    expect(guessed.body.errors?.[0]?.message).toMatch(/updatedAt/);
    const documented = await postToSimulator(sim, '{ orders(limit: 1) { number status } }');
    expect(documented.status).toBe(200);
    expect(documented.body.data).toEqual({ orders: [{ number: 14, status: 'CONFIRMED' }] });
  });

  it('with schema: lean, reads a stored enum value only the full contract names as null, without an error', async () => {
    sim = await startCentraSimulator({ rateLimit: false, schema: 'lean' });
    const order = makeSimOrder({ number: 14 });
    order.paymentHistory = [
      { id: 1, status: 'SUCCESS', entryType: 'AUTHORIZATION' },
      { id: 2, status: 'SUCCESS', entryType: 'CAPTURE' },
    ];
    sim.data.orders.add(order);
    const { status, body } = await postToSimulator(sim, '{ orders(limit: 1) { paymentHistory { id entryType } } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      orders: [
        {
          paymentHistory: [
            { id: 1, entryType: null },
            { id: 2, entryType: 'CAPTURE' },
          ],
        },
      ],
    });
  });
});
