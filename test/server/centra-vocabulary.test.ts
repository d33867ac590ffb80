import { describe, expect, it } from 'vitest';
import { isCompletedReturn, isWholesaleOrder, orderStatusMeaning, unknownOrderValues } from '../../server/centra/centra-vocabulary.js';

describe('centra-vocabulary', () => {
  it.each([
    ['SHIPPED', 'completed', false],
    ['CANCELLED', 'cancelled', true],
    ['PENDING', 'pending', false],
    ['ON_ITS_WAY', 'on_its_way', false],
  ])('order status %s reads as %s (void: %s)', (status, ometria, voids) => {
    expect(orderStatusMeaning(status)).toEqual({ ometriaStatus: ometria, voidsOrder: voids });
  });

  it('counts only completed returns as refunds; an unknown state is not one', () => {
    expect(isCompletedReturn('COMPLETED')).toBe(true);
    expect([isCompletedReturn('PENDING'), isCompletedReturn('ACCEPTED'), isCompletedReturn(null)]).toEqual([false, false, false]);
  });

  it('calls an order wholesale by its type or its store, and anything unknown a consumer order', () => {
    expect(isWholesaleOrder({ __typename: 'WholesaleOrder', store: {} })).toBe(true);
    expect(isWholesaleOrder({ __typename: 'DirectToConsumerOrder', store: { type: 'WHOLESALE' } })).toBe(true);
    expect(isWholesaleOrder({ __typename: 'MarketplaceOrder', store: { type: 'MARKETPLACE' } })).toBe(false);
  });

  it('lists each value it does not know with what was done, naming the entity', () => {
    const found = unknownOrderValues({
      number: 1001,
      __typename: 'DirectToConsumerOrder',
      status: 'SHIPPED',
      store: { type: 'DIRECT_TO_CONSUMER' },
      returns: [
        { id: 7, status: 'ACCEPTED' },
        { id: 8, status: 'COMPLETED' },
      ],
    });
    expect(found).toEqual([{ kind: 'ReturnStatus', value: 'ACCEPTED', entity: 'return 7 of order 1001', treatedAs: expect.stringContaining('not completed') }]);
  });
});
