import { afterEach, describe, expect, it } from 'vitest';
import { createOpenApiValidator } from '../../server/ometria/openapi-validator.js';
import { makeSimOrder } from '../helpers/centra-factories.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { waitFor } from '../helpers/wait-for.js';

/** An order in a Centra market the store map does not cover (docs/design.md D21; issue 16). */
const MAP_WITHOUT_FALLBACK = JSON.stringify({ '1': 'example.com/uk' });
const UNMAPPED_MARKET = { id: 3, name: 'US' };

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe('an order whose market OMETRIA_STORE_MAP does not cover', () => {
  it('is dead-lettered, naming the market and both fixes, when OMETRIA_STORE_MAP_OPTIONAL is off', async () => {
    stack = await startStack({ env: { OMETRIA_STORE_MAP: MAP_WITHOUT_FALLBACK } });
    stack.centra.data.orders.add(makeSimOrder({ number: 301, market: UNMAPPED_MARKET }));
    expect((await stack.send([{ type: 'order', id: 301, action: 'create' }])).status).toBe(200);

    await waitFor(async () => (await stack!.service.store.deadLetters.listOpen('order')).length > 0, 'order 301 dead-lettered');
    const letters = await stack.service.store.deadLetters.listOpen('order');
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      record_id: '301',
      reason: expect.stringMatching(/order 301 is in Centra market 3, which OMETRIA_STORE_MAP does not map.*OMETRIA_STORE_MAP_OPTIONAL=true/),
    });
    expect(stack.ometria.store.get('order', '301')).toBeUndefined();
  });

  it('is sent without a store, and valid for Ometria, when OMETRIA_STORE_MAP_OPTIONAL=true; a mapped one keeps its store', async () => {
    stack = await startStack({ env: { OMETRIA_STORE_MAP: MAP_WITHOUT_FALLBACK, OMETRIA_STORE_MAP_OPTIONAL: 'true' } });
    stack.centra.data.orders.add(makeSimOrder({ number: 302, market: UNMAPPED_MARKET }));
    stack.centra.data.orders.add(makeSimOrder({ number: 303 }));
    expect(
      (
        await stack.send([
          { type: 'order', id: 302, action: 'create' },
          { type: 'order', id: 303, action: 'create' },
        ])
      ).status,
    ).toBe(200);

    const unmapped = await waitFor(() => stack!.ometria.store.get('order', '302'), 'order 302 in Ometria');
    const mapped = await waitFor(() => stack!.ometria.store.get('order', '303'), 'order 303 in Ometria');
    expect(unmapped).toMatchObject({ id: '302', customer: { id: expect.any(String) } });
    expect(unmapped).not.toHaveProperty('store');
    expect(mapped).toMatchObject({ id: '303', store: 'example.com/uk' });
    expect(createOpenApiValidator().validate(unmapped)).toEqual([]);
    expect(await stack.service.store.deadLetters.listOpen('order')).toEqual([]);
  });
});
