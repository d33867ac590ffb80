import { describe, expect, it } from 'vitest';
import { barChart } from '../../server/status/activity-chart.js';
import { ACTIVITY_HOURS, activitySeries, type SettledHours } from '../../server/status/activity-series.js';
import { lookupEntity } from '../../server/status/entity-lookup.js';
import { pageNotice, replayNoticeQuery } from '../../server/status/page-notice.js';
import { relativeTime, timeTag } from '../../server/status/relative-time.js';
import { useTempStore } from '../helpers/temp-store.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 4, 12, 30);

describe('dashboard times (issue 16)', () => {
  it('says how long ago in one unit, and keeps the UTC time on hover', () => {
    expect(relativeTime(new Date(NOW - 2_000).toISOString(), NOW)).toBe('just now');
    expect(relativeTime(new Date(NOW - 42_000).toISOString(), NOW)).toBe('42 s ago');
    expect(relativeTime(new Date(NOW - 5 * 60_000).toISOString(), NOW)).toBe('5 min ago');
    expect(relativeTime(new Date(NOW - 3 * HOUR).toISOString(), NOW)).toBe('3 h ago');
    expect(relativeTime(new Date(NOW - 3 * 24 * HOUR).toISOString(), NOW)).toBe('3 d ago');
    expect(relativeTime(new Date(NOW + 10 * 60_000).toISOString(), NOW)).toBe('in 10 min');
    expect(timeTag('2026-12-04T12:25:00.000Z', NOW)).toBe('<time datetime="2026-12-04T12:25:00.000Z" title="2026-12-04 12:25:00 UTC">5 min ago</time>');
    expect(timeTag('not a time', NOW)).toBe('not a time');
  });
});

describe('dashboard notices', () => {
  it('says only what the service made: a known outcome and a numeric id', () => {
    const query = Object.fromEntries(new URLSearchParams(replayNoticeQuery('missing', 7)));
    expect(pageNotice(query)).toEqual({ tone: 'error', text: expect.stringMatching(/^Dead letter #7 does not exist/) });
    expect(pageNotice({ replay: 'replayed', id: '12' })?.tone).toBe('ok');
    expect(pageNotice({ replay: 'Call 555-0100 now', id: '1' })).toBeUndefined();
    expect(pageNotice({ replay: 'replayed', id: '1<script>' })).toBeUndefined();
    expect(pageNotice({})).toBeUndefined();
  });
});

describe('dashboard charts', () => {
  it('draws one bar per hour, the tallest at full height, with a tooltip per bar and no style attribute', () => {
    const svg = barChart('Records', 'records', [
      { start: NOW - HOUR, value: 10, detail: '10 records' },
      { start: NOW, value: 40, detail: '40 records <b>' },
    ]);
    const heights = [...svg.matchAll(/<rect [^>]*height="(\d+)"/g)].map((m) => Number(m[1]));
    expect(heights).toHaveLength(2);
    expect(heights[1]! / heights[0]!).toBeCloseTo(4, 0);
    expect(svg).toContain('12:00 UTC: 40 records &lt;b&gt;');
    expect(svg).toContain('(max 40 records)');
    expect(svg).not.toMatch(/style=/);
    expect(barChart('Empty', 'x', [{ start: NOW, value: 0, detail: 'none' }])).toContain('height="0"');
  });
});

describe('dashboard figures from the store', () => {
  const temp = useTempStore();
  const job = (kind: string, entity: string, state: string, queuedAt: number, finishedAt: number | null) =>
    temp.store.sql.run(
      `INSERT INTO jobs (kind, entity_key, state, attempts, run_at, first_queued_at, created_at, updated_at, finished_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?)`,
      [kind, entity, state, queuedAt, queuedAt, queuedAt, finishedAt ?? queuedAt, finishedAt],
    );

  it('buckets the last 24 hours of finished jobs and pushes by hour', async () => {
    const thisHour = Math.floor(NOW / HOUR) * HOUR;
    await job('order', '1', 'done', thisHour + 1_000, thisHour + 3_000);
    await job('order', '2', 'done', thisHour + 1_000, thisHour + 11_000);
    await job('order', '3', 'dead', thisHour - 2 * HOUR, thisHour - 2 * HOUR + 5_000);
    await job('order', '4', 'done', thisHour - 30 * HOUR, thisHour - 30 * HOUR + 1_000);
    await job('order', '5', 'pending', thisHour, null);
    const log = (at: number, records: number, status: number | null) =>
      temp.store.pushLog.add({ at, record_type: 'order', records, status, request_id: null, accepted: status === 202 ? records : 0, rejected: 0, error: null });
    await log(thisHour + 5, 7, 202);
    await log(thisHour + 6, 3, 500);
    await log(thisHour - 2 * HOUR, 2, 202);

    const hours = await activitySeries(temp.store, NOW);
    expect(hours).toHaveLength(ACTIVITY_HOURS);
    expect(hours.at(-1)).toEqual({ start: thisHour, jobsFinished: 2, lagAvgSeconds: 6, lagMaxSeconds: 10, recordsPushed: 7, failedPushes: 1, deadJobs: 0 });
    expect(hours.at(-3)).toMatchObject({ start: thisHour - 2 * HOUR, jobsFinished: 1, deadJobs: 1, recordsPushed: 2 });
    expect(hours.reduce((n, h) => n + h.jobsFinished, 0)).toBe(3);
  });

  it('reads settled hours once: a later call gives the same day and reads only the open hours', async () => {
    const thisHour = Math.floor(NOW / HOUR) * HOUR;
    await job('order', '1', 'done', thisHour - 5 * HOUR, thisHour - 5 * HOUR + 4_000);
    await job('order', '2', 'done', thisHour + 1_000, thisHour + 2_000);
    const settled: SettledHours = new Map();
    const first = await activitySeries(temp.store, NOW, settled);
    expect(first).toEqual(await activitySeries(temp.store, NOW));
    // 23 hours ended more than a minute before NOW; the hour in progress is read every time.
    expect([...settled.keys()]).toEqual(first.slice(0, -1).map((h) => h.start));

    // A row written into a settled hour (which the service never does) shows that hour was not read again.
    await job('order', '3', 'done', thisHour - 5 * HOUR, thisHour - 5 * HOUR + 9_000);
    await job('order', '4', 'done', thisHour + 1_000, thisHour + 5_000);
    const second = await activitySeries(temp.store, NOW, settled);
    expect(second.at(-6)).toEqual(first.at(-6));
    expect(second.at(-1)?.jobsFinished).toBe(2);

    // An hour later the oldest settled hour has left the window and the one that closed is read once.
    const later = await activitySeries(temp.store, NOW + HOUR, settled);
    expect(later).toHaveLength(ACTIVITY_HOURS);
    expect(settled.has(thisHour - 23 * HOUR)).toBe(false);
    expect(settled.get(thisHour)?.jobsFinished).toBe(2);
  });

  it("looks up an order's and a customer's trail by number or email", async () => {
    const contactKey = await temp.store.contactKeys.resolve(77, 'Ada@Example.com', NOW);
    await temp.store.sql.run(
      `INSERT INTO order_facts (order_number, contact_key, order_date, currency, net_value, items, full_price_items, items_returned, is_valid) VALUES (?, ?, ?, 'SEK', 250, 2, 2, 0, 1)`,
      [1234, contactKey, NOW - HOUR],
    );
    await job('order', '1234', 'done', NOW - HOUR, NOW - HOUR + 2_000);
    await job('customer', '77', 'done', NOW - HOUR, NOW - HOUR + 2_000);
    await temp.store.ledger.record('order', '1234', 'hash', NOW);

    const byNumber = await lookupEntity(temp.store, ' 1234 ');
    expect(byNumber).toMatchObject({ as: 'number', contactKey, orders: [{ orderNumber: 1234, currency: 'SEK', netValue: 250 }] });
    expect(byNumber.jobs.map((j) => `${j.kind} ${j.entity} ${j.state}`)).toEqual(['order 1234 done']);
    expect(byNumber.pushed).toEqual([{ type: 'order', id: '1234', pushedAt: new Date(NOW).toISOString(), pushes: 1 }]);

    const byEmail = await lookupEntity(temp.store, 'ada@example.COM');
    expect(byEmail.as).toBe('email');
    expect(byEmail.jobs.map((j) => `${j.kind} ${j.entity}`).sort()).toEqual(['customer 77', 'order 1234']);

    expect(await lookupEntity(temp.store, 'nobody@example.com')).toMatchObject({ as: 'email', contactKey: null, jobs: [] });
    expect((await lookupEntity(temp.store, "1' OR 1=1 --")).as).toBe('unrecognised');
  });
});
