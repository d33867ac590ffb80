import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';
import { batchOf, postCollect, SHOP_ORIGIN, trackerEvent } from './tracker-batch.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { TRACKER_ALLOWED_ORIGINS: SHOP_ORIGIN, COLLECT_RATE_PER_MINUTE: '3' } });
});
afterAll(() => stack.close());

describe('POST /collect: rate limit', () => {
  it('answers 429 with Retry-After and CORS headers once a client exceeds COLLECT_RATE_PER_MINUTE', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof postCollect>> | undefined;
    for (let i = 0; i < 4; i++) {
      last = await postCollect(stack.service.url, batchOf([trackerEvent('checkout', {})]));
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
  });
});
