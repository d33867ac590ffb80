import { afterAll, describe, expect, it } from 'vitest';
import type { PushLogEntry } from '../../sandbox/ometria-recorder/index.js';
import { waitFor } from '../helpers/wait-for.js';
import { allDelivered, leakyLines, maxPushesPerSecond, orderDelivery } from './helpers/checks.js';
import { burst, sleep } from './helpers/deliveries.js';
import { startFaultStack, type FaultStack } from './helpers/fault-stack.js';

/** Ometria's documented limit, used by both sides: the recorder refuses above it, the service paces to it. */
const PUSH_RATE = 4;
const OUTAGE_MS = 60_000;

let stack: FaultStack | undefined;
afterAll(async () => {
  await stack?.close();
});

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Scripted 429s (not the recorder's own limiter) and the push call that followed each. */
function scripted429s(entries: PushLogEntry[], since: number): Array<{ at: number; nextAt: number | undefined }> {
  return entries.flatMap((e, i) => (e.at >= since && e.status === 429 && !e.rateLimited ? [{ at: e.at, nextAt: entries[i + 1]?.at }] : []));
}

describe('Ometria down for a minute, then 429 storms with and without Retry-After', () => {
  it('loses nothing, pushes every order once by content and never exceeds the push rate', async () => {
    stack = await startFaultStack({
      orders: 600,
      seed: 11,
      centra: {},
      ometria: { ratePerSecond: PUSH_RATE },
      env: { OMETRIA_PUSH_RATE: String(PUSH_RATE) },
    });
    const { service, ometria, centra, secrets } = stack;
    await service.start();
    const send = (numbers: number[], gapMs = 0) => burst({ url: () => service.url, secret: secrets.webhookSecret, numbers, perDelivery: 25, gapMs });

    // Before: a normal flow.
    await send(range(1, 150));
    await waitFor(() => allDelivered(ometria, range(1, 150)), 'orders 1-150 before the outage', 60_000, 100);

    // A real minute of outage: half of it answering 503, half of it dropping connections. Centra keeps sending.
    ometria.faults.down(true, 'status');
    const outageStart = Date.now() + 1; // a push stamped in this same millisecond may have come just before
    const during = send(range(151, 400), 2_000);
    await sleep(OUTAGE_MS / 2);
    ometria.faults.down(true, 'reset');
    await sleep(outageStart + OUTAGE_MS - Date.now());
    const outageEnd = Date.now();
    expect(range(151, 400).filter((n) => ometria.store.versions('order', String(n)) > 0)).toEqual([]);
    ometria.faults.down(false);
    const acked = await during;
    expect(acked.acked.size).toBe(250);
    expect(acked.attempts.every((a) => a.status === 200)).toBe(true); // intake never depends on Ometria
    const inOutage = ometria.pushes.list().filter((p) => p.at >= outageStart && p.at < outageEnd);
    expect(inOutage.length).toBeGreaterThan(0);
    expect(inOutage.every((p) => p.status === 503 || p.status === 0)).toBe(true);
    await waitFor(() => allDelivered(ometria, range(1, 400)), 'orders 151-400 after the outage', 150_000, 250);

    // A 429 storm without Retry-After (Ometria documents none): the service must back off, not hammer.
    const storm1 = Date.now();
    ometria.faults.queue(...Array.from({ length: 3 }, () => ({ status: 429 })));
    await send(range(401, 500));
    await waitFor(() => allDelivered(ometria, range(401, 500)), 'orders 401-500 after a 429 storm without Retry-After', 120_000, 250);
    const noHeader = scripted429s(ometria.pushes.list(), storm1);
    expect(noHeader).toHaveLength(3);
    for (const r of noHeader) expect(r.nextAt! - r.at).toBeGreaterThanOrEqual(1_000);

    // A 429 storm with Retry-After (delta seconds): nothing is sent before the time it names.
    const storm2 = Date.now();
    ometria.faults.queue(
      { status: 429, headers: { 'Retry-After': '3' } },
      { status: 429, headers: { 'Retry-After': '4' } },
      { status: 429, headers: { 'Retry-After': '2' } },
    );
    await send(range(501, 600));
    await waitFor(() => allDelivered(ometria, range(501, 600)), 'orders 501-600 after a 429 storm with Retry-After', 120_000, 250);
    const withHeader = scripted429s(ometria.pushes.list(), storm2);
    expect(withHeader).toHaveLength(3);
    withHeader.forEach((r, i) => expect(r.nextAt! - r.at, `push after Retry-After ${[3, 4, 2][i]}`).toBeGreaterThanOrEqual([3, 4, 2][i]! * 1_000 - 50));

    const result = orderDelivery(ometria, stack.numbers);
    expect(result.missing).toEqual([]);
    expect(result.conflicting).toEqual([]);
    expect(result.resent).toEqual([]);
    expect(maxPushesPerSecond(ometria)).toBeLessThanOrEqual(PUSH_RATE);
    expect(centra.requests.count((r) => r.status === 429)).toBe(0);
    expect(service.alive()).toBe(true);
    expect(leakyLines(service.lines, secrets, stack.emails())).toEqual([]);
    const at = ometria.pushes
      .list()
      .map((p) => p.at)
      .sort((a, b) => a - b);
    const tightest = Math.min(...at.slice(PUSH_RATE).map((t, i) => t - at[i]!));
    console.log(
      `ometria-outage: ${ometria.pushes.count()} push calls, ${ometria.pushes.rateLimited()} refused by the recorder's own limit; the closest ${PUSH_RATE + 1} arrivals spanned ${tightest} ms`,
    );
  });
});
