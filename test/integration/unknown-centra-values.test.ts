import { afterEach, describe, expect, it } from 'vitest';
import { makeSimLine, makeSimOrder, makeSimReturn, makeSimShipment } from '../helpers/centra-factories.js';
import { leanCentra } from '../helpers/full-contract-only.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { waitFor } from '../helpers/wait-for.js';

const stacks: Stack[] = [];
afterEach(async () => {
  await Promise.all(stacks.splice(0).map((s) => s.close()));
});

/**
 * A Centra that sends values this version has never heard of. The simulator serves only the contract's enum
 * values, so the service's own fetch rewrites Centra's answers on the way in, as a newer Centra would send them.
 */
function newerCentra(centraUrl: () => string): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    if (!String(input instanceof Request ? input.url : input).startsWith(centraUrl())) return res;
    const body = (await res.text())
      .replaceAll('"status":"CONFIRMED"', '"status":"ON_ITS_WAY"')
      .replace(/"(status|returnStatus)":"PENDING"/g, '"$1":"ACCEPTED"');
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

describe('values Centra sends that this version does not know', () => {
  it('deliver the order anyway, each listed once on /status with what was done', async () => {
    let centraUrl = '';
    const stack = await startStack({ service: { fetch: newerCentra(() => centraUrl) } });
    stacks.push(stack);
    centraUrl = stack.centra.url;
    const customer = { id: 12, email: 'new@example.com', firstName: 'Nia', lastName: 'New' };
    stack.centra.data.orders.add(makeSimOrder({ number: 90, status: 'CONFIRMED', customer, lines: [makeSimLine({ id: 901, price: 20 })] }));
    const shipped = makeSimOrder({ number: 91, status: 'CONFIRMED', customer, lines: [makeSimLine({ id: 911, price: 30 })] });
    stack.centra.data.orders.add(shipped);
    const shipment = makeSimShipment(shipped, { id: 491 });
    stack.centra.data.shipments.add(shipment);
    stack.centra.data.returns.add(makeSimReturn(shipment, { id: 591 }));

    await stack.send([
      { type: 'order', id: 90 },
      { type: 'order', id: 91 },
    ]);
    await waitFor(() => stack.ometria.store.get('order', '90') && stack.ometria.store.get('order', '91'), 'both orders in Ometria');
    expect(stack.ometria.store.get('order', '90')).toMatchObject({ status: 'on_its_way', is_valid: true });
    expect(stack.ometria.store.get('order', '91')).toMatchObject({ status: 'shipped', is_valid: true });
    expect(await stack.service.store.deadLetters.countOpen()).toBe(0);

    // A Centra without the guessed ReturnStatus (the lean pass) sends no return status at all.
    const expected = [
      {
        kind: 'OrderStatus',
        value: 'ON_ITS_WAY',
        entity: expect.stringMatching(/^order 9[01]$/),
        treatedAs: expect.stringContaining('valid order'),
        firstSeen: expect.any(String),
      },
      ...(leanCentra
        ? []
        : [
            {
              kind: 'ReturnStatus',
              value: 'ACCEPTED',
              entity: 'return 591 of order 91',
              treatedAs: expect.stringContaining('not completed'),
              firstSeen: expect.any(String),
            },
          ]),
    ];
    await stack.send([{ type: 'order', id: 90 }]);
    const status = await waitFor(async () => {
      const s = (await (await fetch(`${stack.service.url}/status.json`, { headers: stack.admin })).json()) as {
        centra: { unknownValues: Array<{ kind: string; value: string; entity: string; treatedAs: string }> };
      };
      return s.centra.unknownValues.length >= expected.length ? s : undefined;
    }, 'unknown values on /status.json');
    expect(status!.centra.unknownValues).toEqual(expected);
    const page = await (await fetch(`${stack.service.url}/status`, { headers: stack.admin })).text();
    expect(page).toContain('OrderStatus ON_ITS_WAY');
  });
});
