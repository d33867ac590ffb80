import { afterAll, describe, expect, it } from 'vitest';
import type { SimRequest } from '../../sandbox/centra-simulator/index.js';
import { leanestBucket } from '../helpers/leanest-bucket.js';
import { waitFor } from '../helpers/wait-for.js';
import { allDelivered, leakyLines, orderDelivery } from './helpers/checks.js';
import { burst } from './helpers/deliveries.js';
import { startFaultStack, type FaultStack } from './helpers/fault-stack.js';

const TIMEOUT_MS = 1_500;

let stack: FaultStack | undefined;
afterAll(async () => {
  await stack?.close();
});

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const orderQueries = (r: SimRequest) => r.operationName !== 'RateLimits';

describe('Centra answers 429 with a Retry-After timestamp, times out, and fails with 5xx', () => {
  it("loses nothing, waits until the time Centra names, and stays within Centra's rate limit", async () => {
    // The simulator enforces Centra's default limit (20 per 10 s); the service is configured with the same.
    stack = await startFaultStack({
      orders: 620,
      seed: 5,
      centra: { rateLimit: { requestsPer10s: 20, requestsPerHour: 3_600 } },
      ometria: { ratePerSecond: 8 },
      // Small batches, so the backlog at the end needs more requests than the quota allows at once.
      env: { OMETRIA_PUSH_RATE: '8', CENTRA_TIMEOUT_MS: String(TIMEOUT_MS), CENTRA_BATCH_SIZE: '10' },
    });
    const { service, ometria, centra, secrets } = stack;
    await service.start();
    await waitFor(() => centra.requests.count((r) => r.operationName === 'RateLimits') > 0, 'the live quota read at start');
    const step = async (label: string, numbers: number[], inject: () => void) => {
      const since = Date.now();
      inject();
      const sent = await burst({ url: () => service.url, secret: secrets.webhookSecret, numbers, perDelivery: 40 });
      expect(sent.acked.size, label).toBe(numbers.length);
      await waitFor(() => allDelivered(ometria, numbers), `${label}: orders ${numbers[0]}-${numbers.at(-1)} in Ometria`, 90_000, 100);
      return centra.requests.list().filter((r) => r.time >= since && orderQueries(r));
    };

    // Retry-After as a timestamp, in each form docs/design.md D13 lists: nothing is sent to Centra before it.
    const forms: Array<[string, (at: number) => Date | string]> = [
      ['an HTTP date', (at) => new Date(at)],
      ['Unix seconds', (at) => String(Math.floor(at / 1000))],
      ['Unix milliseconds', (at) => String(at)],
      ['ISO-8601', (at) => new Date(at).toISOString()],
    ];
    let first = 1;
    for (const [form, value] of forms) {
      // whole seconds: an HTTP date and Unix seconds cannot say less
      const retryAt = Math.floor((Date.now() + 4_000) / 1000) * 1000;
      const numbers = range(first, first + 59);
      first += 60;
      const requests = await step(`429 with Retry-After as ${form}`, numbers, () => centra.faults.rateLimitNext(1, value(retryAt)));
      const refused = requests.findIndex((r) => r.status === 429);
      expect(refused, `a 429 (${form}) was answered`).toBeGreaterThanOrEqual(0);
      const next = requests[refused + 1]!;
      expect(next.time, `first Centra request after the 429 with Retry-After as ${form}`).toBeGreaterThanOrEqual(retryAt - 50);
    }

    // Timeouts: two calls hang past CENTRA_TIMEOUT_MS; each is abandoned and the jobs retried later.
    const hung = await step('two Centra timeouts', range(first, first + 59), () => centra.faults.hangNext(2, TIMEOUT_MS * 4));
    first += 60;
    expect(hung.filter((r) => r.status === 0).length).toBe(2);

    // 5xx: a single one is retried at once; a run of them (longer than the quick retries) reschedules the jobs.
    const failed = await step('5xx answers', range(first, first + 59), () => {
      centra.faults.failNext(1, 502);
      centra.faults.failNext(4, 503);
      centra.faults.failNext(1, 500);
    });
    first += 60;
    expect(failed.filter((r) => r.status >= 500).length).toBe(6);

    // A backlog at once, no faults: the service paces itself to Centra's quota.
    const backlog = await step('a backlog', range(first, stack.numbers.length), () => undefined);
    expect(backlog.length).toBeGreaterThan(20);

    const result = orderDelivery(ometria, stack.numbers);
    expect(result.missing).toEqual([]);
    expect(result.conflicting).toEqual([]);
    expect(result.resent).toEqual([]);
    // Only the four scripted 429s: never one from the simulator's own limit.
    expect(centra.requests.count((r) => r.status === 429)).toBe(4);
    // Booked as Centra's token bucket (docs/design.md C5) with a token to spare: replayed into one, no arrival finds it empty.
    expect(
      leanestBucket(
        centra.requests.list().map((r) => r.time),
        20,
        10_000,
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(service.alive()).toBe(true);
    expect(leakyLines(service.lines, secrets, stack.emails())).toEqual([]);
  });
});
