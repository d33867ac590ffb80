import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCentraSimulator, type CentraSimulator } from '../../sandbox/centra-simulator/index.js';
import { makeSimOrder, postToSimulator } from '../helpers/centra-factories.js';

const ORDERS = '{ orders(where: { number: 14 }, limit: 1) { number } }';
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

let sim: CentraSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('Centra simulator HTTP edge', () => {
  it('refuses a missing or wrong bearer token with 401 and a GraphQL-style error', async () => {
    sim = await startCentraSimulator({ token: 'right', rateLimit: false });
    const missing = await postToSimulator(sim, ORDERS, { token: null });
    const wrong = await postToSimulator(sim, ORDERS, { token: 'wrong' });
    const right = await postToSimulator(sim, ORDERS);
    expect([missing.status, wrong.status, right.status]).toEqual([401, 401, 200]);
    expect(wrong.body.errors?.[0]?.message).toMatch(/token/i);
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
  });

  it('answers 429 with an HTTP-date Retry-After once the 10-second quota is used, and reports it in rateLimits', async () => {
    let now = Date.parse('2024-06-03T16:00:00.250Z');
    sim = await startCentraSimulator({ rateLimit: { requestsPer10s: 3, requestsPerHour: 100 }, wallClock: () => now });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await postToSimulator(sim, ORDERS)).status);
    const limited = await postToSimulator(sim, '{ rateLimits { type intervalSeconds quota usedQuota remainingQuota } }');
    expect(statuses).toEqual([200, 200, 200]);
    expect(limited.status).toBe(429);
    const retryAfter = limited.headers.get('retry-after') ?? '';
    expect(retryAfter).toMatch(HTTP_DATE);
    // one token refills in 10 s / 3; the date is rounded up to the next whole second
    expect(Date.parse(retryAfter)).toBe(Date.parse('2024-06-03T16:00:04Z'));
    expect(limited.body.errors?.[0]?.message).toMatch(/rate limit/i);
    now = Date.parse(retryAfter);
    const after = await postToSimulator(sim, '{ rateLimits { type intervalSeconds quota usedQuota remainingQuota } }');
    expect(after.status).toBe(200);
    expect(after.body.data!.rateLimits).toEqual([
      { type: 'REQUEST_COUNT', intervalSeconds: 'TEN_SECONDS', quota: 3, usedQuota: 3, remainingQuota: 0 },
      { type: 'REQUEST_COUNT', intervalSeconds: 'ONE_HOUR', quota: 100, usedQuota: 4, remainingQuota: 96 },
      expect.objectContaining({ type: 'QUERY_COMPLEXITY', intervalSeconds: 'TEN_SECONDS', quota: 150_000 }),
      expect.objectContaining({ type: 'QUERY_COMPLEXITY', intervalSeconds: 'ONE_HOUR', quota: 20_000_000 }),
    ]);
  });

  it('never refuses with rateLimit: false', async () => {
    sim = await startCentraSimulator({ rateLimit: false });
    const statuses = await Promise.all(Array.from({ length: 30 }, () => postToSimulator(sim!, ORDERS).then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([200]));
  });

  it('injects failures, forced 429s with any Retry-After, then recovers', async () => {
    sim = await startCentraSimulator({ rateLimit: false });
    sim.data.orders.add(makeSimOrder({ number: 14 }));
    sim.faults.failNext(2, 502);
    sim.faults.rateLimitNext(1, '1717430410');
    sim.faults.rateLimitNext(1, new Date('2030-01-01T00:00:00Z'));
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await postToSimulator(sim, ORDERS));
    expect(results.map((r) => r.status)).toEqual([502, 502, 429, 429, 200]);
    expect(results[2]!.headers.get('retry-after')).toBe('1717430410');
    expect(results[3]!.headers.get('retry-after')).toBe('Tue, 01 Jan 2030 00:00:00 GMT');
    expect(results[4]!.body.data).toEqual({ orders: [{ number: 14 }] });
  });

  it('delays a hung response past a client timeout, and reset clears pending faults', async () => {
    sim = await startCentraSimulator({ rateLimit: false });
    sim.faults.hangNext(1, 2_000);
    const started = Date.now();
    const timedOut = await fetch(sim.url, {
      method: 'POST',
      signal: AbortSignal.timeout(200),
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${sim.token}` },
      body: JSON.stringify({ query: ORDERS }),
    }).then(
      () => 'answered',
      (e: Error) => e.name,
    );
    expect(timedOut).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(1_500);
    await vi.waitFor(() => expect(sim!.requests.list()[0]?.status).toBe(0), { timeout: 1_000 });
    sim.faults.failNext(5, 500);
    sim.faults.reset();
    expect((await postToSimulator(sim, ORDERS)).status).toBe(200);
  });

  it('adds constant latency to every response', async () => {
    sim = await startCentraSimulator({ rateLimit: false });
    sim.faults.latencyMs = 150;
    const started = performance.now();
    await postToSimulator(sim, ORDERS);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('logs every request with status, operation name, top-level field count and query text', async () => {
    sim = await startCentraSimulator({ rateLimit: false });
    const query = 'query Two { a: orders(limit: 1) { number } b: orders(limit: 1) { number } __typename }';
    await postToSimulator(sim, query, { operationName: 'Two' });
    await postToSimulator(sim, ORDERS, { token: 'bad' });
    await postToSimulator(sim, '{ orders(');
    expect(sim.requests.count()).toBe(3);
    expect(sim.requests.list().map((r) => [r.status, r.operationName, r.topLevelFields])).toEqual([
      [200, 'Two', 2],
      [401, null, 1],
      [400, null, 0],
    ]);
    expect(sim.requests.list()[0]!.query).toBe(query);
    sim.requests.clear();
    expect(sim.requests.count()).toBe(0);
  });

  it('answers 400 with errors for a query that does not validate against the contract', async () => {
    sim = await startCentraSimulator({ rateLimit: false });
    const { status, body } = await postToSimulator(sim, '{ orders { noSuchField } }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/noSuchField/);
  });
});
