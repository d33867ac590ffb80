import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express, Router } from 'express';
import { createApp } from './app.js';
import type { FreeDiskBytes } from './collect/disk-guard.js';
import { identityPolicy, identityPolicyWarning } from './collect/identity-policy.js';
import { readLiveQuota } from './centra/live-quota.js';
import type { Config } from './config/load-config.js';
import { queuePendingEvents } from './intake/accept-delivery.js';
import { ROUTED_EVENT_TYPES } from './intake/event-routing.js';
import { createLogger, type Logger } from './log/logger.js';
import { rmSync } from 'node:fs';
import { SANDBOX_WEBHOOK_SECRET, sandboxDataDir } from './config/sandbox-location.js';
import { startCentraSimulator } from '../sandbox/centra-simulator/index.js';
import { startOmetriaRecorder } from '../sandbox/ometria-recorder/index.js';
import { sandboxRouter } from '../sandbox/sandbox-router.js';
import { pollPushErrors } from './ometria/poll-push-errors.js';
import { runReconcile } from './jobs/reconcile/run-reconcile.js';
import { runCatalogueSync } from './jobs/products/catalogue-sync.js';
import { runNewsletterPoll } from './jobs/newsletter/newsletter-poll.js';
import { newsletterPollEnabled, newsletterPollSettings } from './config/newsletter-settings.js';
import { createScheduler } from './schedule/scheduler.js';
import { checkSla } from './alerts/sla-watch.js';
import { retentionSettings } from './retention/retention-settings.js';
import { compactRowCounts, runRetention } from './retention/run-retention.js';
import { openConfiguredStore } from './open-configured-store.js';
import type { Store } from './store/store.js';
import type { Worker } from './worker/worker.js';
import { createRuntime } from './runtime.js';
import { ensureTenantSchema } from './tenants/ensure-tenant-schema.js';
import { tenantsApp } from './tenants/tenants-app.js';
import { tenantsHealthRouter } from './tenants/tenants-health-routes.js';
import { timerDelay } from './remote/safe-timer.js';

export interface ServiceOverrides {
  logger?: Logger;
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
  extraRouters?: Router[];
  /** Free space under DATA_DIR, bytes (tests fill the disk); default: statfs. */
  freeDiskBytes?: FreeDiskBytes;
}

export interface ServiceHandle {
  url: string;
  port: number;
  store: Store;
  worker: Worker;
  logger: Logger;
  /** Graceful: refuse new deliveries, let the batch in hand finish, close the store. */
  close(): Promise<void>;
}

/** How often the scheduler looks for due tasks, ms. */
const SCHEDULER_TICK_MS = 5_000;

/** After a refused introspection the schema check is tried again this soon, ms. */
const SCHEMA_RETRY_MS = 3_600_000;

/** Centra's live quota is re-read this often (decisions.md 13), ms. */
const QUOTA_REFRESH_MS = 5 * 60_000;

/** How often the row-count deltas behind /status and /metrics are folded, ms: a read sums one interval's writes. */
const ROW_COUNTS_COMPACT_MS = 30_000;

/** The composition root: the only place that opens, listens, starts timers and the worker. */
export async function startService(config: Readonly<Config>, overrides: ServiceOverrides = {}): Promise<ServiceHandle> {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  let draining = false;
  const service = await openService(config, overrides, { logger, draining: () => draining });
  let server: Server;
  try {
    server = await listen(service.app, config.PORT, config.HOST);
  } catch (error) {
    // A PostgreSQL pool left open would keep the failed process alive.
    await service.store.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  service.start();

  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  logger.info({ url, mode: config.mode, worker: config.WORKER_ENABLED }, 'centra-ometria is ready');
  return {
    url, port, store: service.store, worker: service.worker, logger,
    async close() {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await service.stop();
      await closed;
      await service.store.close();
      logger.info('centra-ometria stopped');
    },
  };
}

export interface TenantHandle {
  id: string;
  config: Readonly<Config>;
  store: Store;
  worker: Worker;
  /** The process logger's child with `tenant: <id>` on every line. */
  logger: Logger;
}

export interface TenantsHandle {
  url: string;
  port: number;
  logger: Logger;
  /** By id, in TENANTS_FILE's order. */
  tenants: ReadonlyMap<string, TenantHandle>;
  /** Graceful for every tenant: refuse new deliveries, let each batch in hand finish, close every store. */
  close(): Promise<void>;
}

/**
 * TENANTS_FILE: one listener for several tenants, each with its own store, runtime (clients, limiters, alerter),
 * worker and scheduler, exactly as a single-tenant service has; only the HTTP routing and readiness are shared.
 */
export async function startTenants(config: Readonly<Config>, overrides: ServiceOverrides = {}): Promise<TenantsHandle> {
  if (!config.tenants) throw new Error('startTenants needs a configuration loaded with TENANTS_FILE');
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  let draining = false;
  const opened: Array<TenantHandle & { service: OpenedService }> = [];
  let server: Server;
  try {
    // One after another: each migrates its own store, and a failure names the tenant before any other starts.
    for (const [id, tenantConfig] of Object.entries(config.tenants)) {
      const tenantLogger = logger.child({ tenant: id });
      const service = await openService(tenantConfig, overrides, {
        logger: tenantLogger,
        draining: () => draining,
        tenant: id,
      }).catch((error: unknown) => {
        throw new Error(`tenant "${id}" could not start: ${(error as Error).message}`, { cause: error });
      });
      opened.push({ id, config: tenantConfig, store: service.store, worker: service.worker, logger: tenantLogger, service });
    }
    const app = tenantsApp({
      tenants: new Map(opened.map((t) => [t.id, t.service.app])),
      health: tenantsHealthRouter({
        tenants: opened.map((t) => ({ id: t.id, store: t.store, workerEnabled: t.config.WORKER_ENABLED, workerRunning: () => t.worker.isRunning() })),
        draining: () => draining,
      }),
      logger,
      trustProxy: config.TRUST_PROXY,
    });
    server = await listen(app, config.PORT, config.HOST);
  } catch (error) {
    await Promise.all(opened.map((t) => t.store.close()));
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  for (const t of opened) t.service.start();

  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  logger.info({ url, mode: config.mode, tenants: opened.map((t) => t.id) }, 'centra-ometria is ready');
  return {
    url, port, logger,
    tenants: new Map(opened.map(({ service: _service, ...t }) => [t.id, t])),
    async close() {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.all(opened.map((t) => t.service.stop()));
      await closed;
      await Promise.all(opened.map((t) => t.store.close()));
      logger.info('centra-ometria stopped');
    },
  };
}

/** One configuration's store, runtime and app, ready to serve; nothing runs until `start`. */
interface OpenedService {
  app: Express;
  store: Store;
  worker: Worker;
  /** Starts the worker, the scheduler's timer and the first read of Centra's live quota. */
  start(): void;
  /** Stops the timer and the worker, and waits (≤ 30 s) for a scheduled task in hand; the store stays open. */
  stop(): Promise<void>;
}

async function openService(
  config: Readonly<Config>,
  overrides: ServiceOverrides,
  deps: { logger: Logger; draining: () => boolean; tenant?: string },
): Promise<OpenedService> {
  if (!config.CENTRA_API_URL || !config.CENTRA_API_TOKEN || !config.CENTRA_WEBHOOK_SECRET || !config.OMETRIA_API_KEY) {
    throw new Error('startService needs Centra and Ometria credentials; the sandbox supplies its own');
  }
  const { logger } = deps;
  const now = overrides.now ?? Date.now;
  await ensureTenantSchema(config);
  const store = await openConfiguredStore(config);
  const runtime = createRuntime(config, store, { logger, now, random: overrides.random, fetch: overrides.fetch, tenant: deps.tenant });
  const { worker, alerter, centra, centraLimiter, handledKinds, checkCentraSchema } = runtime;

  let app: Express;
  try {
    // On SQLite this process owns the store, so a claim still marked running died with the previous run. On
    // PostgreSQL other replicas hold live claims: a dead replica's claims come back when their lease expires.
    const released = store.dialect === 'sqlite' ? await store.jobs.releaseAllClaims(now()) : 0;
    const requeued = await queuePendingEvents(store, handledKinds, ROUTED_EVENT_TYPES, now());
    if (released + requeued > 0) logger.info({ released, requeued }, 'resumed work left by the previous run');
    app = createApp({
      config, store, logger, alerter, now, handledKinds,
      webhookSecret: config.CENTRA_WEBHOOK_SECRET,
      workerRunning: () => worker.isRunning(),
      draining: deps.draining,
      wakeWorker: () => worker.wake(),
      extraRouters: overrides.extraRouters,
      freeDiskBytes: overrides.freeDiskBytes,
    });
    const identityWarning = identityPolicyWarning(identityPolicy(config), config.mode);
    if (identityWarning) logger.warn(identityWarning);
  } catch (error) {
    // A PostgreSQL pool left open would keep the failed process alive.
    await store.close();
    throw error;
  }

  const runReconcileScoped = (scope: string, days: number, readBackLimit: number) =>
    runReconcile(runtime.ctx, { scope, days, readBackLimit, repair: config.RECONCILE_AUTO_REPAIR, reader: runtime.reader }).then(() => worker.wake());
  const scheduler = createScheduler(
    [
      { name: 'push-errors', everyMs: config.OMETRIA_ERRORS_POLL_SECONDS * 1000, run: () => pollPushErrors({ baseUrl: config.OMETRIA_API_URL, apiKey: config.OMETRIA_API_KEY!, store, alerter, now, fetch: overrides.fetch }) },
      { name: 'centra-quota', everyMs: QUOTA_REFRESH_MS, run: () => adoptLiveQuota() },
      { name: 'sla', everyMs: 30_000, run: () => checkSla(store, alerter, { slaSeconds: config.SYNC_SLA_SECONDS, now: now(), tokenExpiresAt: config.CENTRA_TOKEN_EXPIRES_AT ? Date.parse(config.CENTRA_TOKEN_EXPIRES_AT) : undefined }) },
      { name: 'reconcile-recent', everyMs: config.RECONCILE_RECENT_MINUTES * 60_000, run: () => runReconcileScoped('last 7 days', 7, config.RECONCILE_READBACK_LIMIT) },
      ...(runtime.catalogue
        ? [
            { name: 'catalogue-poll', everyMs: config.CATALOGUE_POLL_MINUTES * 60_000, run: () => runCatalogueSync(runtime.ctx, runtime.catalogue!, { mode: 'incremental' }) },
            { name: 'catalogue-full', everyMs: config.CATALOGUE_FULL_SYNC_HOURS * 3_600_000, run: () => runCatalogueSync(runtime.ctx, runtime.catalogue!, { mode: 'full' }) },
          ]
        : []),
      ...(newsletterPollEnabled(config)
        ? [{ name: 'newsletter-poll', everyMs: config.NEWSLETTER_POLL_MINUTES * 60_000, run: () => runNewsletterPoll(runtime.ctx, newsletterPollSettings(config)) }]
        : []),
      // Issue 15: bounded storage, in batches within a time budget (server/retention/run-retention.ts).
      { name: 'retention', everyMs: config.RETENTION_PRUNE_MINUTES * 60_000, run: () => runRetention({ store, settings: retentionSettings(config), now, logger }) },
      { name: 'row-counts', everyMs: ROW_COUNTS_COMPACT_MS, run: () => compactRowCounts({ store, now }) },
      { name: 'reconcile-full', everyMs: config.RECONCILE_FULL_HOURS * 3_600_000, run: () => runReconcileScoped('last 90 days', 90, 0) },
    ],
    { kv: store.kv, now, logger },
  );
  const adoptLiveQuota = async () => {
    try {
      const quota = await readLiveQuota(centra);
      if (quota.requests) centraLimiter.setLimits(quota.requests);
      runtime.ctx.orderBatch.adoptComplexityQuota(quota.complexity);
    } catch (error) {
      logger.warn({ err: error }, 'could not read Centra rateLimits; keeping the configured limits');
    }
  };
  const timers: Array<ReturnType<typeof setInterval>> = [];
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
    app, store, worker,
    start() {
      if (!config.WORKER_ENABLED) return;
      worker.start();
      const timer = setInterval(() => void scheduler.tick(), SCHEDULER_TICK_MS);
      timer.unref();
      timers.push(timer);
      void checkSchemaNow().then(() => adoptLiveQuota());
    },
    async stop() {
      for (const t of timers) clearTimeout(t);
      await worker.stop();
      for (let waited = 0; scheduler.busy() && waited < 30_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    },
  };
}

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, () => resolve(server));
    server.once('error', reject);
  });
}

/**
 * decisions.md 22: with no credentials, start an in-process Centra simulator and Ometria recorder and run the
 * real service against them. The sandbox store lives in DATA_DIR/sandbox and starts empty every time.
 */
export async function startSandbox(config: Readonly<Config>, overrides: ServiceOverrides = {}): Promise<ServiceHandle> {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const centra = await startCentraSimulator({ schema: config.CENTRA_SIM_SCHEMA });
  const ometria = await startOmetriaRecorder();
  const dataDir = sandboxDataDir(config.DATA_DIR);
  rmSync(dataDir, { recursive: true, force: true });
  let url = '';
  const service = await startService(
    {
      ...config,
      DATA_DIR: dataDir,
      CENTRA_API_URL: centra.url,
      CENTRA_API_TOKEN: centra.token,
      CENTRA_WEBHOOK_SECRET: SANDBOX_WEBHOOK_SECRET,
      OMETRIA_API_URL: ometria.baseUrl,
      OMETRIA_API_KEY: ometria.apiKey,
      OMETRIA_STORE_MAP: Object.keys(config.OMETRIA_STORE_MAP).length > 0 ? config.OMETRIA_STORE_MAP : { '1': 'sandbox.example.com/uk', '2': 'sandbox.example.com/se', '*': 'sandbox.example.com' },
      OMETRIA_ERRORS_POLL_SECONDS: Math.min(config.OMETRIA_ERRORS_POLL_SECONDS, 15),
      CATALOGUE_STORES: config.CATALOGUE_STORES ?? [
        { store: 'sandbox.example.com/uk', marketId: 1, pricelistId: 1, baseUrl: 'https://sandbox.example.com/uk/product' },
        { store: 'sandbox.example.com/se', marketId: 2, pricelistId: 2, baseUrl: 'https://sandbox.example.com/se/product' },
      ],
    },
    { ...overrides, logger, extraRouters: [sandboxRouter({ centra, ometria, webhookSecret: SANDBOX_WEBHOOK_SECRET, webhookUrl: () => `${url}/webhooks/centra` }), ...(overrides.extraRouters ?? [])] },
  );
  url = service.url;
  logger.info({ centra: centra.url, ometria: ometria.baseUrl, dashboard: `${url}/status` }, `sandbox: no credentials set, so Centra and Ometria are simulated in-process; open ${url}/ to place orders`);
  return {
    ...service,
    async close() {
      await service.close();
      await Promise.all([centra.close(), ometria.close()]);
    },
  };
}
