import { checkSla } from './alerts/sla-watch.js';
import { readLiveQuota } from './centra/live-quota.js';
import type { Config } from './config/load-config.js';
import { newsletterPollEnabled, newsletterPollSettings } from './config/newsletter-settings.js';
import { runCatalogueSync } from './jobs/products/catalogue-sync.js';
import { runNewsletterPoll } from './jobs/newsletter/newsletter-poll.js';
import { runReconcile } from './jobs/reconcile/run-reconcile.js';
import type { Logger } from './log/logger.js';
import { pollPushErrors } from './ometria/poll-push-errors.js';
import { retentionSettings } from './retention/retention-settings.js';
import { compactRowCounts, runRetention } from './retention/run-retention.js';
import type { Runtime } from './runtime.js';
import type { Store } from './store/store.js';

/** What a scheduled task runs with: one configuration's store and runtime. */
export interface TaskContext {
  config: Readonly<Config>;
  store: Store;
  runtime: Runtime;
  logger: Logger;
  now: () => number;
  fetch: typeof fetch | undefined;
}

export interface ScheduledTaskSpec {
  name: string;
  /** Interval, ms. */
  everyMs: (config: Readonly<Config>) => number;
  /** Absent: always scheduled. */
  enabled?: (config: Readonly<Config>, runtime: Runtime) => boolean;
  /** A never-run task runs right after start, not one interval later (schedule/scheduler.ts). */
  firstRunAtOnce?: boolean;
  run: (task: TaskContext) => Promise<unknown>;
}

/** Centra's live quota is re-read this often, ms. */
const QUOTA_REFRESH_MS = 5 * 60_000;
/** How often the SLA watch looks at the oldest unsynced order, ms. */
const SLA_CHECK_MS = 30_000;
/** How often the row-count deltas behind /status and /metrics are folded, ms: a read sums one interval's writes. */
const ROW_COUNTS_COMPACT_MS = 30_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/**
 * Every task the scheduler runs, in the order a tick starts them. The scheduler (schedule/scheduler.ts) records
 * each run in the store, so of several replicas one runs each task per interval.
 */
export const SCHEDULED_TASKS: readonly ScheduledTaskSpec[] = [
  {
    name: 'push-errors',
    everyMs: (c) => c.OMETRIA_ERRORS_POLL_SECONDS * 1000,
    run: ({ config, store, runtime, now, fetch }) =>
      pollPushErrors({
        baseUrl: config.OMETRIA_API_URL,
        apiKey: config.OMETRIA_API_KEY!,
        store,
        alerter: runtime.alerter,
        now,
        fetch,
        metrics: runtime.ctx.metrics,
      }),
  },
  { name: 'centra-quota', everyMs: () => QUOTA_REFRESH_MS, run: (task) => adoptLiveQuota(task) },
  {
    name: 'sla',
    everyMs: () => SLA_CHECK_MS,
    run: ({ config, store, runtime, now }) =>
      checkSla(store, runtime.alerter, {
        slaSeconds: config.SYNC_SLA_SECONDS,
        now: now(),
        tokenExpiresAt: config.CENTRA_TOKEN_EXPIRES_AT ? Date.parse(config.CENTRA_TOKEN_EXPIRES_AT) : undefined,
      }),
  },
  {
    name: 'reconcile-recent',
    everyMs: (c) => c.RECONCILE_RECENT_MINUTES * MINUTE_MS,
    run: (task) => reconcile(task, 'last 7 days', 7, task.config.RECONCILE_READBACK_LIMIT),
  },
  {
    name: 'catalogue-poll',
    everyMs: (c) => c.CATALOGUE_POLL_MINUTES * MINUTE_MS,
    enabled: (_c, runtime) => runtime.catalogue !== undefined,
    run: ({ runtime }) => runCatalogueSync(runtime.ctx, runtime.catalogue!, { mode: 'incremental' }),
  },
  {
    name: 'catalogue-full',
    everyMs: (c) => c.CATALOGUE_FULL_SYNC_HOURS * HOUR_MS,
    // Until the first full sync Ometria has no product for orders and the tracker to name (docs/catalogue.md): a
    // fresh install, or one that has just set CATALOGUE_STORES, should not wait CATALOGUE_FULL_SYNC_HOURS for it.
    firstRunAtOnce: true,
    enabled: (_c, runtime) => runtime.catalogue !== undefined,
    run: ({ runtime }) => runCatalogueSync(runtime.ctx, runtime.catalogue!, { mode: 'full' }),
  },
  {
    name: 'newsletter-poll',
    everyMs: (c) => c.NEWSLETTER_POLL_MINUTES * MINUTE_MS,
    enabled: (c) => newsletterPollEnabled(c),
    run: ({ config, runtime }) => runNewsletterPoll(runtime.ctx, newsletterPollSettings(config)),
  },
  // Bounded storage, in batches within a time budget (retention/run-retention.ts).
  {
    name: 'retention',
    everyMs: (c) => c.RETENTION_PRUNE_MINUTES * MINUTE_MS,
    run: ({ config, store, now, logger }) => runRetention({ store, settings: retentionSettings(config), now, logger }),
  },
  { name: 'row-counts', everyMs: () => ROW_COUNTS_COMPACT_MS, run: ({ store, now }) => compactRowCounts({ store, now }) },
  { name: 'reconcile-full', everyMs: (c) => c.RECONCILE_FULL_HOURS * HOUR_MS, run: (task) => reconcile(task, 'last 90 days', 90, 0) },
];

function reconcile({ config, runtime }: TaskContext, scope: string, days: number, readBackLimit: number): Promise<void> {
  return runReconcile(runtime.ctx, { scope, days, readBackLimit, repair: config.RECONCILE_AUTO_REPAIR, reader: runtime.reader }).then(() =>
    runtime.worker.wake(),
  );
}

/** Reads Centra's live quota and adopts it; on failure the configured limits stay. Never rejects. */
export async function adoptLiveQuota({ runtime, logger }: Pick<TaskContext, 'runtime' | 'logger'>): Promise<void> {
  try {
    const quota = await readLiveQuota(runtime.centra);
    if (quota.requests) runtime.centraLimiter.setLimits(quota.requests);
    runtime.ctx.orderBatch.adoptComplexityQuota(quota.complexity);
  } catch (error) {
    logger.warn({ err: error }, 'could not read Centra rateLimits; keeping the configured limits');
  }
}
