import type { Store } from '../store/store.js';

const HOUR_MS = 3_600_000;
/** Hours the dashboard's charts cover, oldest first; the last one is the hour in progress. */
export const ACTIVITY_HOURS = 24;

export interface ActivityHour {
  /** Start of the hour, Unix ms (UTC). */
  start: number;
  /** Jobs finished (synced, or dead-lettered) in the hour. */
  jobsFinished: number;
  /**
   * Webhook → Ometria lag of the jobs finished in the hour, seconds: from the first time the entity was queued (a
   * webhook, a backfill, a reconciliation repair) to the job's end. 0 when none finished.
   */
  lagAvgSeconds: number;
  lagMaxSeconds: number;
  /** Records Ometria accepted in the hour's successful pushes. */
  recordsPushed: number;
  /** Pushes that failed (no answer, or a status ≥ 300) and jobs dead-lettered, in the hour. */
  failedPushes: number;
  deadJobs: number;
}

/**
 * How long after its end an hour takes no more rows, ms. A job's finished_at and a push's `at` are the writer's
 * clock when it happened, and a replica's clock may trail this one's by a little.
 */
const SETTLE_MS = 60_000;

/**
 * Hours that have settled, by start: a finished job or a logged push is never moved to another hour (a re-queued
 * entity gets a new job row), so a settled hour's figures are final. One map per dashboard: a refresh then reads
 * the open hour alone, not the whole day (1,000,000 jobs over 7 days put 143,000 in a day; docs/performance.md).
 */
export type SettledHours = Map<number, ActivityHour>;

/**
 * The last 24 hours of sync activity, by hour, for the dashboard's charts. Two grouped index ranges (jobs_finished,
 * push_log_at) from the oldest hour not in `settled`: the cost follows the hours read, never the tables' size
 * (test/store/status-query-plans.test.ts).
 */
export async function activitySeries(store: Store, now: number, settled: SettledHours = new Map()): Promise<ActivityHour[]> {
  const first = Math.floor(now / HOUR_MS) * HOUR_MS - (ACTIVITY_HOURS - 1) * HOUR_MS;
  for (const start of settled.keys()) if (start < first) settled.delete(start);
  const hours: ActivityHour[] = Array.from({ length: ACTIVITY_HOURS }, (_, i) => {
    const start = first + i * HOUR_MS;
    const known = settled.get(start);
    return known ? { ...known } : { start, jobsFinished: 0, lagAvgSeconds: 0, lagMaxSeconds: 0, recordsPushed: 0, failedPushes: 0, deadJobs: 0 };
  });
  // Hours settle oldest first, so the known ones are a prefix and one range from the first unknown covers the rest.
  const from = hours.find((h) => !settled.has(h.start))?.start ?? first + ACTIVITY_HOURS * HOUR_MS;
  await readHours(store, hours, first, from);
  for (const hour of hours) if (hour.start >= from && hour.start + HOUR_MS + SETTLE_MS <= now) settled.set(hour.start, { ...hour });
  return hours;
}

async function readHours(store: Store, hours: ActivityHour[], first: number, from: number): Promise<void> {
  const at = (bucket: number) => hours[Number(bucket)];
  const jobs = await store.sql.all<{ bucket: number; n: number; dead: number; lag_avg: number | null; lag_max: number | null }>(
    `SELECT CAST((finished_at - ?) / ${HOUR_MS} AS INTEGER) AS bucket, COUNT(*) AS n, SUM(CASE WHEN state = 'dead' THEN 1 ELSE 0 END) AS dead,
       AVG(finished_at - first_queued_at) AS lag_avg, MAX(finished_at - first_queued_at) AS lag_max
     FROM jobs WHERE state IN ('done', 'dead') AND finished_at >= ? GROUP BY bucket`,
    [first, from],
  );
  for (const row of jobs) {
    const hour = at(row.bucket);
    if (!hour) continue;
    hour.jobsFinished = Number(row.n);
    hour.deadJobs = Number(row.dead);
    hour.lagAvgSeconds = Math.round(Number(row.lag_avg ?? 0) / 1000);
    hour.lagMaxSeconds = Math.round(Number(row.lag_max ?? 0) / 1000);
  }
  const pushes = await store.sql.all<{ bucket: number; records: number | null; failed: number | null }>(
    `SELECT CAST((at - ?) / ${HOUR_MS} AS INTEGER) AS bucket, SUM(CASE WHEN status IS NULL OR status >= 300 THEN 0 ELSE records END) AS records,
       SUM(CASE WHEN status IS NULL OR status >= 300 THEN 1 ELSE 0 END) AS failed
     FROM push_log WHERE at >= ? GROUP BY bucket`,
    [first, from],
  );
  for (const row of pushes) {
    const hour = at(row.bucket);
    if (!hour) continue;
    hour.recordsPushed = Number(row.records ?? 0);
    hour.failedPushes = Number(row.failed ?? 0);
  }
}
