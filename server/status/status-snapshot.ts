import { readCheckpoint } from '../jobs/backfill/backfill-checkpoint.js';
import { PROGRESS_KEY, type CatalogueProgress } from '../jobs/products/catalogue-progress.js';
import { ORDER_BATCH_SIZE_KEY } from '../centra/orders/order-batch-size.js';
import { refundSource, type RefundSource } from '../centra/schema/refund-source.js';
import { SCHEMA_CHECK_KEY, type StoredSchemaCheck } from '../centra/schema/run-schema-check.js';
import { listUnknownValues, type SeenUnknownValue } from '../centra/unknown-values.js';
import { redactText } from '../log/redact.js';
import { PROGRESS_KEY as NEWSLETTER_PROGRESS_KEY, type NewsletterProgress } from '../jobs/newsletter/newsletter-checkpoint.js';
import type { CollectStatus } from '../collect/collect-guards.js';
import type { Store } from '../store/store.js';
import { clipRemoteText, maskVisitorIds } from './mask.js';
import { activitySeries, type ActivityHour, type SettledHours } from './activity-series.js';

export interface StatusSnapshot {
  generatedAt: string;
  mode: string;
  worker: { enabled: boolean; running: boolean };
  backlog: Record<string, Record<string, number>>;
  /** Age of the oldest job still waiting or running, seconds: how far behind Centra we are. */
  lagSeconds: number;
  openDeadLetters: number;
  deliveries: Array<{ id: number; receivedAt: string; shape: string; events: string }>;
  jobs: Array<{ kind: string; entity: string; state: string; attempts: number; runAt: string; lastError: string | null }>;
  pushes: Array<{ at: string; type: string; records: number; status: number | null; requestId: string | null; error: string | null }>;
  deadLetters: Array<{ id: number; entity: string; record: string; reason: string; state: string; occurrences: number; updatedAt: string }>;
  alerts: Array<{
    id: number;
    team: string;
    kind: string;
    entity: string;
    message: string;
    action: string | null;
    state: string;
    occurrences: number;
    lastSeen: string;
  }>;
  findings: Array<{ id: number; kind: string; entity: string; team: string; detail: string; state: string; repair: string; updatedAt: string }>;
  lastReconciliation: { scope: string; startedAt: string; finishedAt: string | null; checked: number; findings: number; error: string | null } | null;
  catalogue: CatalogueProgress | null;
  /** The latest newsletter poll: its counts, and the checkpoint the next one starts from. */
  newsletter: NewsletterProgress | null;
  /** Storefront events by state: pending (held or queued), sent, dead, expired, dropped. */
  trackerEvents: Record<string, number>;
  backfill: { processed: number; total: number; startedAt: string; updatedAt: string; finishedAt: string | null } | null;
  /** Pushes to Ometria in the last hour by outcome. */
  pushRate: { lastHour: number; failedLastHour: number; recordsLastHour: number };
  /** What the live Centra schema allows (docs/centra-setup.md), and the values Centra sent that we do not know. */
  centra: {
    schema: StoredSchemaCheck | null;
    unknownValues: SeenUnknownValue[];
    refunds: RefundSource;
    /** Orders per Centra request when Centra's complexity quota lowered it; null = CENTRA_BATCH_SIZE. */
    orderBatchSize: number | null;
  };
  /**
   * /collect's identity policy (`signed`, `unsigned-accepted` or `not-attributed`) and what it refused since start,
   * by reason; null where no /collect is served (the CLI).
   */
  collect: CollectStatus | null;
  /** The last 24 hours by hour: lag, records pushed, failures (the dashboard's charts). */
  activity: ActivityHour[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * What /status and /status.json show. Every read is a counter (row_counts), an index seek or range, or a
 * `recent(n)` walking an index backwards (issue 15; test/store/status-query-plans.test.ts): its cost does not grow
 * with the tables. Ids, counts and states only: no record bodies, so no emails (docs/design.md D27); tracker visitor
 * ids masked and remote error texts cut.
 */
export async function statusSnapshot(
  store: Store,
  info: { mode: string; workerEnabled: boolean; workerRunning: boolean; collect?: CollectStatus | undefined; settledHours?: SettledHours },
  now: number,
): Promise<StatusSnapshot> {
  const backlog: StatusSnapshot['backlog'] = {};
  for (const row of await store.jobs.countsByState()) (backlog[row.kind] ??= {})[row.state] = row.n;
  return {
    generatedAt: iso(now),
    mode: info.mode,
    worker: { enabled: info.workerEnabled, running: info.workerRunning },
    backlog,
    lagSeconds: await lagSeconds(store, now),
    openDeadLetters: await store.deadLetters.countOpen(),
    deliveries: (await store.deliveries.recent(20)).map((d) => ({ id: d.id, receivedAt: iso(d.received_at), shape: d.shape, events: redactText(d.summary) })),
    jobs: (await store.jobs.recent(30)).map((j) => ({
      kind: j.kind,
      entity: maskVisitorIds(j.entity_key),
      state: j.state,
      attempts: j.attempts,
      runAt: iso(j.run_at),
      lastError: remoteNullable(j.last_error),
    })),
    pushes: (await store.pushLog.recent(20)).map((p) => ({
      at: iso(p.at),
      type: p.record_type,
      records: p.records,
      status: p.status,
      requestId: p.request_id,
      error: remoteNullable(p.error),
    })),
    deadLetters: (await store.deadLetters.recent(30)).map((d) => ({
      id: d.id,
      entity: maskVisitorIds(`${d.job_kind} ${d.entity_key}`),
      record: d.record_type ? maskVisitorIds(`${d.record_type} ${d.record_id}`) : '',
      reason: clipRemoteText(redactText(d.reason)),
      state: d.state,
      occurrences: d.occurrences,
      updatedAt: iso(d.updated_at),
    })),
    findings: (await store.findings.recent(30)).map((f) => ({
      id: f.id,
      kind: f.kind,
      entity: maskVisitorIds(f.entity),
      team: f.team,
      detail: maskVisitorIds(redactText(f.detail)),
      state: f.state,
      repair: f.repair,
      updatedAt: iso(f.updated_at),
    })),
    lastReconciliation: await lastRun(store),
    backfill: await backfillProgress(store),
    catalogue: (await store.kv.get<CatalogueProgress>(PROGRESS_KEY)) ?? null,
    newsletter: await newsletterProgress(store),
    trackerEvents: await store.trackerEvents.counts(),
    pushRate: await pushRate(store, now),
    centra: await centraConformance(store),
    collect: info.collect ?? null,
    activity: await activitySeries(store, now, info.settledHours),
    alerts: (await store.alerts.recent(30)).map((a) => ({
      id: a.id,
      team: a.team,
      kind: a.kind,
      entity: maskVisitorIds(a.entity),
      message: maskVisitorIds(redactText(a.message)),
      action: a.action,
      state: a.state,
      occurrences: a.occurrences,
      lastSeen: iso(a.last_seen),
    })),
  };
}

async function centraConformance(store: Store): Promise<StatusSnapshot['centra']> {
  const schema = (await store.kv.get<StoredSchemaCheck>(SCHEMA_CHECK_KEY)) ?? null;
  return {
    schema,
    unknownValues: await listUnknownValues(store.kv),
    refunds: refundSource(schema ?? undefined),
    orderBatchSize: (await store.kv.get<number>(ORDER_BATCH_SIZE_KEY)) ?? null,
  };
}

/** The poll's error can quote Centra or Ometria, which may echo an email. */
async function newsletterProgress(store: Store): Promise<StatusSnapshot['newsletter']> {
  const progress = await store.kv.get<NewsletterProgress>(NEWSLETTER_PROGRESS_KEY);
  if (!progress) return null;
  return progress.error === undefined ? progress : { ...progress, error: redactText(progress.error) };
}

async function lastRun(store: Store): Promise<StatusSnapshot['lastReconciliation']> {
  const run = await store.findings.lastRun();
  return run
    ? {
        scope: run.scope,
        startedAt: iso(run.started_at),
        finishedAt: run.finished_at ? iso(run.finished_at) : null,
        checked: run.checked,
        findings: run.findings,
        error: run.error,
      }
    : null;
}

async function backfillProgress(store: Store): Promise<StatusSnapshot['backfill']> {
  const cp = await readCheckpoint(store.kv);
  return cp ? { processed: cp.processed, total: cp.total, startedAt: cp.startedAt, updatedAt: cp.updatedAt, finishedAt: cp.finishedAt ?? null } : null;
}

/** Age of the oldest job still waiting or running, seconds (two index seeks). */
export async function lagSeconds(store: Store, now: number): Promise<number> {
  const oldest = await store.jobs.oldestActiveQueuedAt();
  return oldest === undefined ? 0 : Math.max(0, Math.round((now - oldest) / 1000));
}

/** One hour of push_log through push_log_at: the cost follows the last hour's pushes, not the log's size. */
export async function pushRate(store: Store, now: number): Promise<StatusSnapshot['pushRate']> {
  const row = await store.sql.get<{ n: number; failed: number | null; records: number | null }>(
    `SELECT COUNT(*) AS n, SUM(CASE WHEN status IS NULL OR status >= 300 THEN 1 ELSE 0 END) AS failed, SUM(records) AS records FROM push_log WHERE at > ?`,
    [now - 3_600_000],
  );
  return { lastHour: row?.n ?? 0, failedLastHour: row?.failed ?? 0, recordsLastHour: row?.records ?? 0 };
}

/**
 * Remote errors can echo an email or a visitor id back, and be long: the dashboard shows them redacted, masked
 * and cut (mask.ts); the logs keep the whole text, redacted.
 */
const remoteNullable = (text: string | null): string | null => (text === null ? null : clipRemoteText(redactText(text)));
