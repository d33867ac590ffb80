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
 * The last 24 hours of sync activity, by hour, for the dashboard's charts. Two grouped index ranges (jobs_finished,
 * push_log_at): the cost follows one day's traffic, never the tables' size (test/store/status-query-plans.test.ts).
 */
export async function activitySeries(store: Store, now: number): Promise<ActivityHour[]> {
  const first = Math.floor(now / HOUR_MS) * HOUR_MS - (ACTIVITY_HOURS - 1) * HOUR_MS;
  const hours: ActivityHour[] = Array.from({ length: ACTIVITY_HOURS }, (_, i) => ({
    start: first + i * HOUR_MS,
    jobsFinished: 0,
    lagAvgSeconds: 0,
    lagMaxSeconds: 0,
    recordsPushed: 0,
    failedPushes: 0,
    deadJobs: 0,
  }));
  const at = (bucket: number) => hours[Number(bucket)];
  const jobs = await store.sql.all<{ bucket: number; n: number; dead: number; lag_avg: number | null; lag_max: number | null }>(
    `SELECT CAST((finished_at - ?) / ${HOUR_MS} AS INTEGER) AS bucket, COUNT(*) AS n, SUM(CASE WHEN state = 'dead' THEN 1 ELSE 0 END) AS dead,
       AVG(finished_at - first_queued_at) AS lag_avg, MAX(finished_at - first_queued_at) AS lag_max
     FROM jobs WHERE state IN ('done', 'dead') AND finished_at >= ? GROUP BY bucket`,
    [first, first],
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
    [first, first],
  );
  for (const row of pushes) {
    const hour = at(row.bucket);
    if (!hour) continue;
    hour.recordsPushed = Number(row.records ?? 0);
    hour.failedPushes = Number(row.failed ?? 0);
  }
  return hours;
}
