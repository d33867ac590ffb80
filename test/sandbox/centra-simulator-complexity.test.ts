import { parse } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { queryComplexity, simulatorSchema, startCentraSimulator, type CentraSimulator } from '../../sandbox/centra-simulator/index.js';
import { makeSimOrder, postToSimulator } from '../helpers/centra-factories.js';

const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

let sim: CentraSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const cost = (query: string, variables: Record<string, unknown> | null = null, operationName: string | null = null) =>
  queryComplexity(simulatorSchema(), parse(query), variables, operationName);

describe('query complexity (our rule)', () => {
  it('costs 1 per field, times the limit of each list above it', () => {
    expect(cost('{ orders(limit: 50) { number lines { id } } }')).toBe(1 + 50 * (1 + 1 + 1));
    expect(cost('{ orders(limit: 50) { number lines { id } __typename } }')).toBe(151);
    expect(cost('{ a: orders(limit: 1) { number status } b: orders(limit: 1) { number status } }')).toBe(2 * 3);
    expect(cost('{ rateLimits { type quota } }')).toBe(3);
  });

  it('reads limits from variables and their defaults, and expands fragments and inline fragments', () => {
    const q = `query Q($n: Int = 10) { orders(limit: $n) { ...F ... on DirectToConsumerOrder { customer { id } } } }
      fragment F on Order { number store { id } }`;
    expect(cost(q)).toBe(1 + 10 * (1 + 2 + 2));
    expect(cost(q, { n: 2 }, 'Q')).toBe(1 + 2 * 5);
    expect(cost('{ orderConnection(first: 5) { edges { node { number } } } }')).toBe(1 + 5 * 3);
  });
});

describe('Centra simulator QUERY_COMPLEXITY', () => {
  it('puts the cost in extensions.complexity of every executed response and reports the windows in rateLimits', async () => {
    const frozen = Date.parse('2024-06-03T16:00:00Z'); // the 10-second window refills 15,000 points a second
    sim = await startCentraSimulator({ rateLimit: false, wallClock: () => frozen });
    sim.data.orders.add(makeSimOrder({ number: 14 }));
    const first = await postToSimulator(sim, '{ orders(limit: 50) { number lines { id } } }');
    expect(first.body.extensions).toEqual({ complexity: 151 });
    const limits = await postToSimulator(sim, '{ rateLimits { type intervalSeconds quota usedQuota remainingQuota } }');
    expect(limits.body.extensions).toEqual({ complexity: 6 });
    const rows = (limits.body.data!.rateLimits as Array<{ type: string }>).filter((r) => r.type === 'QUERY_COMPLEXITY');
    expect(rows).toEqual([
      { type: 'QUERY_COMPLEXITY', intervalSeconds: 'TEN_SECONDS', quota: 150_000, usedQuota: 157, remainingQuota: 149_843 },
      { type: 'QUERY_COMPLEXITY', intervalSeconds: 'ONE_HOUR', quota: 20_000_000, usedQuota: 157, remainingQuota: 19_999_843 },
    ]);
  });

  it('answers 429 with an HTTP-date Retry-After once a request would exceed its window, then lets it through', async () => {
    let now = Date.parse('2024-06-03T16:00:00.250Z');
    sim = await startCentraSimulator({ rateLimit: { requestsPer10s: 1000, complexityPer10s: 250 }, wallClock: () => now });
    const q = '{ orders(limit: 100) { number } }'; // 101 points
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await postToSimulator(sim, q)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const limited = sim.requests.last()!;
    expect(limited.status).toBe(429);
    const again = await postToSimulator(sim, q);
    expect(again.status).toBe(429);
    expect(again.body.errors?.[0]?.message).toMatch(/QUERY_COMPLEXITY/);
    const retryAfter = again.headers.get('retry-after') ?? '';
    expect(retryAfter).toMatch(HTTP_DATE);
    // 48 points left, 53 missing at 25 points a second: 2.12 s, rounded up to the whole second
    expect(Date.parse(retryAfter)).toBe(Date.parse('2024-06-03T16:00:03Z'));
    now = Date.parse(retryAfter);
    expect((await postToSimulator(sim, q)).status).toBe(200);
  });

  it('refuses with 400 a single query that costs more than a whole window', async () => {
    sim = await startCentraSimulator({ rateLimit: { complexityPer10s: 50 } });
    const { status, body } = await postToSimulator(sim, '{ orders(limit: 100) { number } }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/complexity 101/);
  });
});
