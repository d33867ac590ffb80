import type { Express, Router } from 'express';
import { createApp } from './app.js';
import { identityPolicy, identityPolicyWarning } from './collect/identity-policy.js';
import type { FreeDiskBytes } from './collect/disk-guard.js';
import type { Config } from './config/load-config.js';
import { queuePendingEvents } from './intake/accept-delivery.js';
import { ROUTED_EVENT_TYPES } from './intake/event-routing.js';
import type { Logger } from './log/logger.js';
import type { ProcessMetrics } from './metrics/prometheus-metrics.js';
import { openConfiguredStore } from './open-configured-store.js';
import { sizeHeap } from './heap-sizing.js';
import { timerDelay } from './remote/safe-timer.js';
import { createRuntime } from './runtime.js';
import { adoptLiveQuota, SCHEDULED_TASKS, type TaskContext } from './scheduled-tasks.js';
import { createScheduler } from './schedule/scheduler.js';
import { StartUpError } from './start-up-error.js';
import type { Store } from './store/store.js';
import { CHECKPOINT_INTERVAL_MS } from './store/wal-checkpointer.js';
import type { Worker } from './worker/worker.js';

export interface ServiceOverrides {
  logger?: Logger;
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
  extraRouters?: Router[];
  /** Free space under DATA_DIR, bytes (tests fill the disk); default: statfs. */
  freeDiskBytes?: FreeDiskBytes;
}

/** One configuration's store, runtime and app, ready to serve; nothing runs until `start`. */
export interface OpenedService {
  app: Express;
  store: Store;
  worker: Worker;
  /** Starts the worker, the scheduler's timer and the first schema check and read of Centra's live quota. */
  start(): void;
  /** Stops the timers and the worker, and waits (≤ 30 s) for a scheduled task in hand; the store stays open. */
  stop(): Promise<void>;
}

/** How often the scheduler looks for due tasks, ms. */
const SCHEDULER_TICK_MS = 5_000;
/** After a refused introspection the schema check is tried again this soon, ms. */
const SCHEMA_RETRY_MS = 3_600_000;
/** The longest stop() waits for a scheduled task in hand, ms. */
const TASK_DRAIN_MS = 30_000;

/**
 * Opens `config`'s store (migrated), builds its runtime and app. Refuses a production configuration that would
 * send orders without an Ometria store; warns about settings that leave data unsynced.
 */
export async function openService(
  config: Readonly<Config>,
  overrides: ServiceOverrides,
  deps: { logger: Logger; draining: () => boolean; metrics: ProcessMetrics },
): Promise<OpenedService> {
  if (!config.CENTRA_API_URL || !config.CENTRA_API_TOKEN || !config.CENTRA_WEBHOOK_SECRET || !config.OMETRIA_API_KEY) {
    throw new Error('startService needs Centra and Ometria credentials; the sandbox supplies its own');
  }
  const { logger } = deps;
  const tenant = config.tenant?.id;
  checkStoreMap(config);
  const now = overrides.now ?? Date.now;
  // The serving process checkpoints SQLite's WAL on a worker thread: its acks wait on commits (issue 17).
  const store = await openConfiguredStore(config, {
    onFailure: (err) =>
      logger.warn(
        { err },
        'the SQLite WAL checkpoint thread failed: checkpoints run inside commits again (slower acks, nothing lost); restart the service to restore it',
      ),
    onPassFailed: (err) =>
      logger.warn(
        { err },
        `a SQLite WAL checkpoint failed (is the disk under DATA_DIR full or read-only?): commits stay safe in the WAL, intake answers 503 once the WAL cannot grow, and checkpoints are retried every ${CHECKPOINT_INTERVAL_MS} ms; operators: free space under DATA_DIR`,
      ),
    onPassRecovered: () => logger.info('SQLite WAL checkpoints succeed again'),
    onStarted: () => sizeHeap('serve'),
  });
  // A single-tenant service's series say "default"; with TENANTS_FILE each tenant's say its id.
  const tenantLabel = tenant ?? 'default';
  const metrics = deps.metrics.forTenant(tenantLabel);
  deps.metrics.addGaugeSource({ tenant: tenantLabel, store, now });
  const runtime = createRuntime(config, store, { logger, now, random: overrides.random, fetch: overrides.fetch, tenant, metrics });
  const { worker, alerter, handledKinds, checkCentraSchema } = runtime;

  let app: Express;
  try {
    // On SQLite this process owns the store, so a claim still marked running died with the previous run. On
    // PostgreSQL other replicas hold live claims: a dead replica's claims come back when their lease expires.
    const released = store.dialect === 'sqlite' ? await store.jobs.releaseAllClaims(now()) : 0;
    const requeued = await queuePendingEvents(store, handledKinds, ROUTED_EVENT_TYPES, now());
    if (released + requeued > 0) logger.info({ released, requeued }, 'resumed work left by the previous run');
    app = createApp({
      config,
      store,
      logger,
      alerter,
      now,
      handledKinds,
      webhookSecret: config.CENTRA_WEBHOOK_SECRET,
      workerRunning: () => worker.isRunning(),
      draining: deps.draining,
      wakeWorker: () => worker.wake(),
      extraRouters: overrides.extraRouters,
      freeDiskBytes: overrides.freeDiskBytes,
      metrics,
      scrape: () => deps.metrics.scrape(tenant),
    });
    for (const warning of startUpWarnings(config)) logger.warn(warning);
  } catch (error) {
    // A PostgreSQL pool left open would keep the failed process alive.
    await store.close();
    throw error;
  }

  const task: TaskContext = { config, store, runtime, logger, now, fetch: overrides.fetch };
  const scheduler = createScheduler(
    SCHEDULED_TASKS.filter((t) => t.enabled?.(config, runtime) ?? true).map((t) => ({
      name: t.name,
      everyMs: t.everyMs(config),
      firstRunAtOnce: t.firstRunAtOnce,
      run: () => t.run(task),
    })),
    { kv: store.kv, now, logger },
  );
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  // Per process, not through the shared scheduler: every replica adapts its own documents to the live schema.
  const checkSchemaNow = async () => {
    const every = config.CENTRA_SCHEMA_CHECK_HOURS * 3_600_000;
    let again = every;
    try {
      if ((await checkCentraSchema()).source !== 'live') again = Math.min(every, SCHEMA_RETRY_MS);
    } catch (error) {
      again = Math.min(every, SCHEMA_RETRY_MS);
      logger.warn({ err: error }, 'Centra schema check failed; documents stay as last adapted');
    }
    // CENTRA_SCHEMA_CHECK_HOURS may exceed what a timer holds (24.8 days): clamped, so it never fires at once.
    const timer = setTimeout(() => void checkSchemaNow(), timerDelay(again));
    timer.unref();
    timers.push(timer);
  };
  return {
    app,
    store,
    worker,
    start() {
      if (!config.WORKER_ENABLED) return;
      worker.start();
      // The first tick now, not one SCHEDULER_TICK_MS later; it only starts due tasks, so ready is not delayed.
      void scheduler.tick();
      const timer = setInterval(() => void scheduler.tick(), SCHEDULER_TICK_MS);
      timer.unref();
      timers.push(timer);
      void checkSchemaNow().then(() => adoptLiveQuota(task));
    },
    async stop() {
      for (const t of timers) clearTimeout(t);
      await worker.stop();
      for (let waited = 0; scheduler.busy() && waited < TASK_DRAIN_MS; waited += 50) await new Promise((r) => setTimeout(r, 50));
    },
  };
}

/** In production an empty store map leaves every order without a store: refused unless chosen. */
function checkStoreMap(config: Readonly<Config>): void {
  if (config.mode !== 'production' || Object.keys(config.OMETRIA_STORE_MAP).length > 0 || config.OMETRIA_STORE_MAP_OPTIONAL) return;
  const who = config.tenant ? `tenant "${config.tenant.id}": ` : '';
  throw new StartUpError(
    `${who}OMETRIA_STORE_MAP is empty, so no order can be given an Ometria store: set it to a JSON map of Centra market id → Ometria store id, e.g. {"1":"example.com/uk","*":"example.com"}, or set OMETRIA_STORE_MAP_OPTIONAL=true to start without one`,
  );
}

/** Settings that start fine but leave something out, said once at start. */
function startUpWarnings(config: Readonly<Config>): string[] {
  const warnings: string[] = [];
  const identity = identityPolicyWarning(identityPolicy(config), config.mode);
  if (identity) warnings.push(identity);
  if (config.mode === 'production' && !config.CATALOGUE_STORES) {
    warnings.push(
      'CATALOGUE_STORES is not set: the product catalogue is off, so no product reaches Ometria and product jobs stay pending. Set it to list the Ometria stores the catalogue is listed in (README, configuration).',
    );
  }
  if (config.mode === 'production' && Object.keys(config.OMETRIA_STORE_MAP).length === 0) {
    warnings.push(
      'OMETRIA_STORE_MAP is empty (OMETRIA_STORE_MAP_OPTIONAL=true): orders are sent to Ometria without a store, so store-based segments and reports leave them out, until it maps their markets (docs/configuration.md).',
    );
  }
  return warnings;
}
