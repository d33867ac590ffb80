import { describe, expect, it } from 'vitest';
import { formatErrorPath, splitReason } from '../../sandbox/ometria-recorder/error-path.js';
import { mergeRecord } from '../../sandbox/ometria-recorder/merge-record.js';
import { checkPushBatch } from '../../sandbox/ometria-recorder/push-batch.js';
import { createPushErrorList } from '../../sandbox/ometria-recorder/push-errors.js';
import { createRateLimiter } from '../../sandbox/ometria-recorder/rate-limiter.js';
import { maxInAnyWindow } from '../../sandbox/ometria-recorder/window-count.js';

describe('Ometria recorder parts', () => {
  it('formats error paths the way Ometria does', () => {
    expect(formatErrorPath([])).toBe('root');
    expect(formatErrorPath(['lineitems', 0, 'product_id'])).toBe('root > lineitems > 0 > product_id');
  });

  it('splits a closed-schema reason into path and message, falling back to the root', () => {
    expect(splitReason('lineitems.0.quantity: Too small')).toEqual({ path: ['lineitems', '0', 'quantity'], message: 'Too small' });
    expect(splitReason('record is 70000 bytes')).toEqual({ path: [], message: 'record is 70000 bytes' });
  });

  it('counts the most timestamps in any half-open window', () => {
    expect(maxInAnyWindow([], 1000)).toBe(0);
    expect(maxInAnyWindow([0, 250, 500, 750, 1000, 1250], 1000)).toBe(4);
    expect(maxInAnyWindow([0, 250, 500, 750, 999], 1000)).toBe(5);
  });

  it('refills the token bucket continuously and never above its burst', () => {
    let t = 0;
    const limiter = createRateLimiter(2, () => t);
    expect([limiter.take(), limiter.take(), limiter.take()]).toEqual([true, true, false]);
    t += 10_000;
    expect([limiter.take(), limiter.take(), limiter.take()]).toEqual([true, true, false]);
    t += 500;
    expect(limiter.take()).toBe(true);
  });

  it('merges only with @merge and drops push directives from what is stored', () => {
    const stored = { id: 'P1', title: 'A', attributes: [{ id: 'x' }, { id: 'y' }] };
    expect(mergeRecord(stored, { id: 'P1', '@merge': true, attributes: [{ id: 'z' }] })).toEqual({
      id: 'P1',
      title: 'A',
      attributes: [{ id: 'z' }],
    });
    expect(mergeRecord(stored, { id: 'P1', price: 3 })).toEqual({ id: 'P1', price: 3 });
  });

  it('accepts an empty batch and refuses non-object records', () => {
    expect(checkPushBatch([])).toEqual({ ok: true, type: undefined, records: [] });
    expect(checkPushBatch([1])).toEqual({ ok: false, message: 'Each record must be a JSON object' });
  });

  it('keeps push errors newest first and only the given number', () => {
    const list = createPushErrorList(2);
    for (const n of ['a', 'b', 'c']) list.add({ error_message: n, error_path: 'root' });
    expect(list.list().map((e) => e.error_message)).toEqual(['c', 'b']);
  });
});
