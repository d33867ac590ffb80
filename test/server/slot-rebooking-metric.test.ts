// A send that books a new rate-limit slot because its timer fired late went later than planned: /metrics counts those
// (docs/operations.md, "Metrics"), so an operator can tell a process too busy to keep its slots from a slow remote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOmetriaRecorder, type OmetriaRecorder } from '../../sandbox/ometria-recorder/index.js';
import { createProcessMetrics } from '../../server/metrics/prometheus-metrics.js';
import type { OmetriaContact } from '../../server/ometria/ometria-records.js';
import { createPushClient } from '../../server/ometria/push-client.js';
import type { RateLimiter } from '../../server/remote/rate-limiter.js';
import { parseMetrics } from '../helpers/prometheus-scrape.js';

let ometria: OmetriaRecorder;
beforeAll(async () => {
  ometria = await startOmetriaRecorder({ ratePerSecond: 0 });
});
afterAll(async () => {
  await ometria?.close();
});

/** Every booking is 5 ms ahead; the limiter itself is not under test here. */
const fiveMsAhead: RateLimiter = {
  reserve: async () => 5,
  release: async () => {},
  pauseUntil: async () => {},
  setLimits: () => {},
  windows: () => [{ limit: 1, windowMs: 1000 }],
};

const contact: OmetriaContact = { '@type': 'contact', '@collection': 'centra', '@merge': true, id: 'c-1', customer_id: 'c-1' };

const REBOOKED = 'centra_ometria_rate_slots_rebooked_total';

describe('the rate_slots_rebooked_total counter', () => {
  it('is 0 for both remotes from the start, and counts a push whose timer fired late', async () => {
    const metrics = createProcessMetrics({ version: 'test' });
    const tenantMetrics = metrics.forTenant('t');
    const before = parseMetrics((await metrics.scrape()).body);
    expect(before.labelSets(REBOOKED)).toEqual([
      { tenant: 't', remote: 'centra' },
      { tenant: 't', remote: 'ometria' },
    ]);
    expect([before.value(REBOOKED, { remote: 'centra' }), before.value(REBOOKED, { remote: 'ometria' })]).toEqual([0, 0]);

    // The clock jumps 1 s once the first wait is over (its 3rd reading), as if a long pause had held the timer:
    // that slot is missed and a new one booked; the second wait ends on time.
    let readings = 0;
    const now = () => Date.now() + (readings++ >= 2 ? 1000 : 0);
    const client = createPushClient({ baseUrl: ometria.baseUrl, apiKey: ometria.apiKey, limiter: fiveMsAhead, now, metrics: tenantMetrics });
    await client.push([contact]);
    expect(ometria.store.get('contact', 'c-1')).toBeDefined();

    const after = parseMetrics((await metrics.scrape()).body);
    // At least the one forced late timer; a busy machine may make the second one late too (at most 3 re-bookings).
    expect(after.value(REBOOKED, { remote: 'ometria' })).toBeGreaterThanOrEqual(1);
    expect(after.value(REBOOKED, { remote: 'ometria' })).toBeLessThanOrEqual(3);
    expect(after.value(REBOOKED, { remote: 'centra' })).toBe(0);
  });
});
