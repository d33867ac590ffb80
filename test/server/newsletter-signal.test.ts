import { describe, expect, it } from 'vitest';
import { subscriptionSignal } from '../../server/jobs/newsletter/newsletter-signal.js';

const sub = (over: Record<string, unknown> = {}) => ({
  id: 7,
  email: 'a@example.com',
  isActive: true,
  createdAt: '2024-06-01T12:00:00+02:00',
  productVariant: null,
  productSize: null,
  ...over,
});
const SEEN = '2024-07-01T00:00:00.000Z';

describe('a newsletter subscription as consent', () => {
  it('active is an opt-in from createdAt; inactive an opt-out dated when first seen, kept on later polls', () => {
    expect(subscriptionSignal(sub(), undefined, SEEN)?.state).toEqual({ state: 'in', at: '2024-06-01T10:00:00.000Z', source: 'newsletter:7' });
    const out = subscriptionSignal(sub({ isActive: false }), { state: 'in', at: '2024-06-01T10:00:00.000Z' }, SEEN)!;
    expect(out.state).toEqual({ state: 'out', at: SEEN, source: 'newsletter:7' });
    expect(subscriptionSignal(sub({ isActive: false }), out.memory, '2024-08-01T00:00:00.000Z')?.memory).toEqual({ state: 'out', at: SEEN });
  });

  it('reactivated: an opt-in just after the opt-out it ends (its createdAt is older), stable on later polls', () => {
    const back = subscriptionSignal(sub(), { state: 'out', at: SEEN }, '2024-08-01T00:00:00.000Z')!;
    expect(back.memory).toEqual({ state: 'in', at: '2024-07-01T00:00:00.001Z' });
    expect(subscriptionSignal(sub(), back.memory, '2024-09-01T00:00:00.000Z')?.memory).toEqual(back.memory);
  });

  it('back-in-stock (variant or size) and a missing isActive say nothing', () => {
    expect(subscriptionSignal(sub({ productVariant: { id: 1 } }), undefined, SEEN)).toBeUndefined();
    expect(subscriptionSignal(sub({ productSize: { id: 1 } }), undefined, SEEN)).toBeUndefined();
    expect(subscriptionSignal(sub({ isActive: null }), undefined, SEEN)).toBeUndefined();
  });

  it('an answer without both product fields (a schema lacking them) cannot be told from back-in-stock: nothing', () => {
    expect(subscriptionSignal(sub({ productVariant: undefined, productSize: undefined }), undefined, SEEN)).toBeUndefined();
    expect(subscriptionSignal(sub({ productVariant: undefined }), undefined, SEEN)?.state.state).toBe('in');
  });
});
