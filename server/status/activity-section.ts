import { barChart } from './activity-chart.js';
import type { ActivityHour } from './activity-series.js';

/** The last 24 hours at a glance: lag, throughput and failures, one small chart each. */
export function activitySection(hours: ActivityHour[]): string {
  const lag = barChart(
    'Webhook → Ometria lag (average per hour)',
    's',
    hours.map((h) => ({
      start: h.start,
      value: h.lagAvgSeconds,
      detail: `${h.jobsFinished} jobs finished, lag average ${h.lagAvgSeconds} s, longest ${h.lagMaxSeconds} s`,
    })),
  );
  const throughput = barChart(
    'Records pushed to Ometria',
    'records',
    hours.map((h) => ({
      start: h.start,
      value: h.recordsPushed,
      detail: `${h.recordsPushed} records pushed, ${h.jobsFinished} jobs finished`,
    })),
  );
  const failures = barChart(
    'Failed pushes and dead-lettered jobs',
    'failures',
    hours.map((h) => ({
      start: h.start,
      value: h.failedPushes + h.deadJobs,
      detail: `${h.failedPushes} failed pushes, ${h.deadJobs} jobs dead-lettered`,
    })),
    'bad',
  );
  return `<div class="charts">${lag}${throughput}${failures}</div>`;
}
