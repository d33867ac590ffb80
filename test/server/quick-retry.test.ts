import { describe, expect, it } from 'vitest';
import { withQuickRetries } from '../../server/remote/quick-retry.js';
import { RemoteError, type Outcome } from '../../server/remote/remote-errors.js';

/** Calls withQuickRetries on a call that always fails with `outcome`; returns how many times it was called. */
async function triesFor(outcome: Outcome): Promise<number> {
  let calls = 0;
  await expect(
    withQuickRetries(async () => {
      calls++;
      throw new RemoteError(outcome);
    }),
  ).rejects.toBeInstanceOf(RemoteError);
  return calls;
}

describe('withQuickRetries reads the classified outcome, never the message', () => {
  it.each<[string, number, Outcome]>([
    ['a 503', 3, { kind: 'retry', reason: 'Centra answered 503' }],
    ['a dropped connection whose message says "in time"', 3, { kind: 'retry', reason: 'Centra unreachable: socket closed in time' }],
    ['a timeout', 1, { kind: 'retry', reason: 'Ometria did not answer in time', timedOut: true }],
    ['a 429', 1, { kind: 'rate_limited', reason: 'Ometria rate limit reached (429)', delayMs: 5_000 }],
    ['a 400', 1, { kind: 'reject', reason: 'Ometria rejected the batch (400)', status: 400, body: '' }],
    ['an unusable answer', 1, { kind: 'unusable', reason: 'Centra returned no products page: empty answer' }],
  ])('%s is tried %i time(s)', async (_name, tries, outcome) => {
    expect(await triesFor(outcome)).toBe(tries);
  });
});
