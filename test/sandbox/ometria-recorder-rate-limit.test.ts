import { afterEach, describe, expect, it } from 'vitest';
import { startOmetriaRecorder, type OmetriaRecorder } from '../../sandbox/ometria-recorder/index.js';
import { sampleOrder } from '../../sandbox/ometria-recorder/sample-records.js';

let recorder: OmetriaRecorder | undefined;
afterEach(() => recorder?.close());

/** A clock the test moves, so the limit is exercised without sleeping. */
function manualClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const push = async (r: OmetriaRecorder) =>
  (
    await fetch(`${r.baseUrl}/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ometria-auth': r.apiKey },
      body: JSON.stringify([sampleOrder()]),
    })
  ).status;

describe('Ometria recorder: rate limit', () => {
  it('answers 429 without Retry-After beyond 4 requests per second by default', async () => {
    recorder = await startOmetriaRecorder({ now: manualClock().now });
    const statuses = await Promise.all(Array.from({ length: 6 }, () => push(recorder!)));
    expect(statuses.sort()).toEqual([202, 202, 202, 202, 429, 429]);
    expect(recorder.pushes.rateLimited()).toBe(2);
    expect(recorder.pushes.maxRequestsInAnyWindow(1000)).toBe(6);
  });

  it('refills at the configured rate on the injected clock', async () => {
    const clock = manualClock();
    recorder = await startOmetriaRecorder({ now: clock.now, ratePerSecond: 4 });
    for (let i = 0; i < 4; i++) expect(await push(recorder)).toBe(202);
    expect(await push(recorder)).toBe(429);
    clock.advance(250);
    expect(await push(recorder)).toBe(202);
    expect(await push(recorder)).toBe(429);
  });

  it('shares the limit between pushes and reads, and sends Retry-After only when configured', async () => {
    const clock = manualClock();
    recorder = await startOmetriaRecorder({ now: clock.now, ratePerSecond: 1, retryAfterSeconds: 3 });
    expect(await push(recorder)).toBe(202);
    const read = await fetch(`${recorder.baseUrl}/orders`, { headers: { 'x-ometria-auth': recorder.apiKey } });
    expect(read.status).toBe(429);
    expect(read.headers.get('retry-after')).toBe('3');
    expect(await read.json()).toEqual({ status: 'ERROR', message: expect.any(String) });
    expect(recorder.requests.rateLimited()).toBe(1);
  });

  it('lets a paced client through and proves it never exceeded 4 in any second', async () => {
    const clock = manualClock();
    recorder = await startOmetriaRecorder({ now: clock.now });
    for (let i = 0; i < 12; i++) {
      expect(await push(recorder)).toBe(202);
      clock.advance(250);
    }
    expect(recorder.pushes.maxRequestsInAnyWindow(1000)).toBe(4);
    expect(recorder.pushes.rateLimited()).toBe(0);
  });

  it('has no limit with ratePerSecond 0', async () => {
    recorder = await startOmetriaRecorder({ ratePerSecond: 0 });
    const statuses = await Promise.all(Array.from({ length: 20 }, () => push(recorder!)));
    expect(new Set(statuses)).toEqual(new Set([202]));
  });
});
