import { describe, expect, it } from 'vitest';
import { createOrderBatchSizer } from '../../server/centra/orders/order-batch-size.js';

const requests = [
  { limit: 20, windowMs: 10_000 },
  { limit: 3600, windowMs: 3_600_000 },
];

describe('order batch size under Centra complexity', () => {
  it('stays at CENTRA_BATCH_SIZE until Centra reports a complexity quota and a cost', () => {
    const sizer = createOrderBatchSizer({ max: 50, requestWindows: () => requests });
    sizer.observe(50, 40_000);
    expect(sizer.size()).toBe(50);
    sizer.adoptComplexityQuota([{ limit: 150_000, windowMs: 10_000 }]);
    // 150 000 points / 20 requests = 7 500 per request; 800 points per order → 9 orders.
    expect(sizer.size()).toBe(9);
  });

  it('never goes below one order, and reports each change', () => {
    const changes: number[] = [];
    const sizer = createOrderBatchSizer({ max: 50, requestWindows: () => requests, onChange: (n) => changes.push(n) });
    sizer.adoptComplexityQuota([{ limit: 100, windowMs: 10_000 }]);
    sizer.observe(2, 10_000);
    expect(sizer.size()).toBe(1);
    expect(changes).toEqual([1]);
  });

  it('sizes by the costliest recent order so one light batch does not oversize the next', () => {
    const sizer = createOrderBatchSizer({ max: 50, requestWindows: () => requests });
    sizer.adoptComplexityQuota([{ limit: 150_000, windowMs: 10_000 }]);
    sizer.observe(10, 3_000);
    sizer.observe(10, 30_000);
    sizer.observe(10, 3_000);
    expect(sizer.size()).toBe(2);
  });
});
