import { afterEach, describe, expect, it } from 'vitest';
import { createOpenApiValidator } from '../../server/ometria/openapi-validator.js';
import { simMoney } from '../../sandbox/centra-simulator/index.js';
import { makeSimCustomer, makeSimLine, makeSimOrder, makeSimReturn, makeSimShipment } from '../helpers/centra-factories.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { waitFor } from '../helpers/wait-for.js';
import { itOnFullContract } from '../helpers/full-contract-only.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const validator = createOpenApiValidator();
const contact = (s: Stack, id: string) => s.ometria.store.get('contact', id, 'centra') as Record<string, unknown> & { properties?: Record<string, unknown> };
const settled = (s: Stack) =>
  waitFor(async () => {
    const counts = await s.service.store.jobs.countsByState();
    return counts.length > 0 && counts.every((r) => r.state === 'done');
  }, 'jobs settled');

describe('customers and consent (issue 4)', () => {
  itOnFullContract(
    'customer consent fields',
    'an opt-out reaches Ometria as EXPLICITLY_OPTEDOUT with its time; a later-delivered older opt-in does not undo it',
    async () => {
      stack = await startStack();
      stack.centra.data.customers.add(
        makeSimCustomer({
          id: 21,
          email: 'olivia@example.com',
          consents: [{ key: 'newsletter', consented: true, createdAt: '2024-05-01T10:00:00+00:00', updatedAt: '2024-05-01T10:00:00+00:00' }],
        }),
      );
      await stack.send([{ type: 'customer', id: 21 }]);
      await waitFor(() => contact(stack!, 'c21')?.marketing_optin === 'EXPLICITLY_OPTEDIN', 'opt-in in Ometria');

      stack.centra.data.customers.update(21, {
        consents: [{ key: 'newsletter', consented: false, createdAt: '2024-05-01T10:00:00+00:00', updatedAt: '2024-06-02T08:30:00+00:00' }],
      });
      await stack.send([{ type: 'customer', id: 21 }]);
      await waitFor(() => contact(stack!, 'c21')?.marketing_optin === 'EXPLICITLY_OPTEDOUT', 'opt-out in Ometria');
      expect(contact(stack, 'c21')).toMatchObject({ marketing_optin: 'EXPLICITLY_OPTEDOUT', timestamp_unsubscribed: '2024-06-02T08:30:00.000Z' });
      const optOutPush = stack.ometria.store.bodies('contact', 'c21', 'centra').at(-1) as Record<string, unknown>;
      expect(optOutPush['@force_optin']).toBe(true);

      // Centra's state goes back to an older opt-in (a stale read or a late delivery): the opt-out stands.
      stack.centra.data.customers.update(21, {
        consents: [{ key: 'newsletter', consented: true, createdAt: '2024-05-01T10:00:00+00:00', updatedAt: '2024-05-20T10:00:00+00:00' }],
      });
      await stack.send([{ type: 'customer', id: 21 }]);
      await settled(stack);
      expect(contact(stack, 'c21')?.marketing_optin).toBe('EXPLICITLY_OPTEDOUT');
      const audit = await stack.service.store.consentAudit.history('c21');
      expect(audit.map((a) => `${a.oldState ?? '-'}→${a.newState}`)).toEqual(['-→in', 'in→out']);
      expect(audit.every((a) => a.pushedAt !== undefined && a.pushedAt !== null)).toBe(true);
      for (const body of stack.ometria.store.bodies('contact', 'c21', 'centra')) expect(validator.validate(body)).toEqual([]);
    },
  );

  itOnFullContract('customer consent fields', 'a guest and a registered customer with one email end as one contact whose opt-out covers both', async () => {
    stack = await startStack();
    stack.centra.data.customers.add(
      makeSimCustomer({
        id: 31,
        email: 'gus@example.com',
        isRegistered: false,
        consents: [{ key: 'newsletter', consented: true, updatedAt: '2024-01-01T00:00:00+00:00' }],
      }),
      makeSimCustomer({
        id: 32,
        email: 'Gus@Example.com',
        isRegistered: true,
        consents: [{ key: 'newsletter', consented: false, updatedAt: '2024-03-01T00:00:00+00:00' }],
      }),
    );
    await stack.send([{ type: 'customer', id: 31 }]);
    await waitFor(() => contact(stack!, 'c31'), 'contact c31');
    await stack.send([{ type: 'customer', id: 32 }]);
    await settled(stack);
    expect(stack.ometria.store.all('contact')).toHaveLength(1);
    expect(contact(stack, 'c31')).toMatchObject({ marketing_optin: 'EXPLICITLY_OPTEDOUT', properties: expect.objectContaining({ centra_registered: true }) });
  });

  it('attributes after order, order and a partial return equal the hand-computed values', async () => {
    stack = await startStack();
    stack.centra.data.customers.add(makeSimCustomer({ id: 41, email: 'ava@example.com' }));
    const customer = { id: 41, email: 'ava@example.com', firstName: 'Ava', lastName: 'A' };
    const first = makeSimOrder({ number: 401, customer, orderDate: '2024-05-01T10:00:00+00:00', lines: [makeSimLine({ id: 4011, quantity: 2, price: 40 })] });
    const saleLine = makeSimLine({ id: 4021, price: 50 });
    Object.assign(saleLine, { unitPrice: simMoney(40, 'GBP'), lineValue: simMoney(40, 'GBP') });
    const second = makeSimOrder({ number: 402, customer, orderDate: '2024-05-10T10:00:00+00:00', lines: [saleLine] });
    stack.centra.data.orders.add(first, second);
    await stack.send([
      { type: 'order', id: 401 },
      { type: 'order', id: 402 },
    ]);
    await settled(stack);
    const shipment = makeSimShipment(first, { id: 4101, number: '401-1' });
    stack.centra.data.shipments.add(shipment);
    stack.centra.data.returns.add(
      makeSimReturn(shipment, { id: 4201, status: 'COMPLETED', lines: [{ id: 1, quantity: 1, shipmentLine: { id: shipment.lines[0]!.id }, orderLine: null }] }),
    );
    await stack.send([{ type: 'return', id: 4201 }]);
    await waitFor(() => Number(contact(stack!, 'c41')?.properties?.return_rate) > 0, 'the return reflected in the contact');

    // Hand-computed: net values 2×40 − 40 refunded = 40, and 40 (sale price) → 80 over 2 orders; 3 items, 1
    // returned; 2 of 3 items bought at full price; 2 orders make a returning customer.
    expect(contact(stack, 'c41').properties).toMatchObject({
      order_count: 2,
      net_ltv: 80,
      currency: 'GBP',
      average_order_value: 40,
      first_order_at: '2024-05-01T10:00:00.000Z',
      last_order_at: '2024-05-10T10:00:00.000Z',
      return_rate: 0.3333,
      full_price_share: 0.6667,
      tier: 'returning',
      based_on_orders: 2,
    });
  });
});
