import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Router } from 'express';
import { createApp } from './app.js';
import { readLiveQuota } from './centra/live-quota.js';
import type { Config } from './config/load-config.js';
import { queuePendingEvents } from './intake/accept-delivery.js';
import { ROUTED_EVENT_TYPES } from './intake/event-routing.js';
import { createLogger, type Logger } from './log/logger.js';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startCentraSimulator } from './sandbox/centra-simulator/index.js';
import { startOmetriaRecorder } from './sandbox/ometria-recorder/index.js';
import { sandboxRouter } from './sandbox/sandbox-router.js';
import { pollPushErrors } from './ometria/poll-push-errors.js';
import { runReconcile } from './reconcile/run-reconcile.js';
import { runCatalogueSync } from './catalogue/catalogue-sync.js';
import { createScheduler } from './schedule/scheduler.js';
import { checkSla } from './alerts/sla-watch.js';
import { openConfiguredStore } from './open-configured-store.js';
import type { Store } from './store/store.js';
import type { Worker } from './worker/worker.js';
import { createRuntime } from './runtime.js';

export interface ServiceOverrides {
  logger?: Logger;
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
  extraRouters?: Router[];
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

/** Centra's live quota is re-read this often (decisions.md 13), ms. */
const QUOTA_REFRESH_MS = 5 * 60_000;

/** The composition root: the only place that opens, listens, starts timers and the worker. */
export async function startService(config: Readonly<Config>, overrides: ServiceOverrides = {}): Promise<ServiceHandle> {
  if (!config.CENTRA_API_URL || !config.CENTRA_API_TOKEN || !config.CENTRA_WEBHOOK_SECRET || !config.OMETRIA_API_KEY) {
    throw new Error('startService needs Centra and Ometria credentials; the sandbox supplies its own');
  }
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const now = overrides.now ?? Date.now;
  const store = await openConfiguredStore(config);
  const runtime = createRuntime(config, store, { logger, now, random: overrides.random, fetch: overrides.fetch });
  const { worker, alerter, centra, centraLimiter, handledKinds } = runtime;

  let draining = false;
  let server: Server;
  try {
    // On SQLite this process owns the store, so a claim still marked running died with the previous run. On
    // PostgreSQL other replicas hold live claims: a dead replica's claims come back when their lease expires.
    const released = store.dialect === 'sqlite' ? await store.jobs.releaseAllClaims(now()) : 0;
    const requeued = await queuePendingEvents(store, handledKinds, ROUTED_EVENT_TYPES, now());
    if (released + requeued > 0) logger.info({ released, requeued }, 'resumed work left by the previous run');
    const app = createApp({
      config, store, logger, alerter, now, handledKinds,
      webhookSecret: config.CENTRA_WEBHOOK_SECRET,
      workerRunning: () => worker.isRunning(),
      draining: () => draining,
      wakeWorker: () => worker.wake(),
      extraRouters: overrides.extraRouters,
    });
    server = await listen(app, config.PORT, config.HOST);
  } catch (error) {
    // A PostgreSQL pool left open would keep the failed process alive.
    await store.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  if (config.WORKER_ENABLED) worker.start();

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
      { name: 'reconcile-full', everyMs: config.RECONCILE_FULL_HOURS * 3_600_000, run: () => runReconcileScoped('last 90 days', 90, 0) },
    ],
    { kv: store.kv, now, logger },
  );
  const timers = config.WORKER_ENABLED ? [setInterval(() => void scheduler.tick(), SCHEDULER_TICK_MS)] : [];
  for (const t of timers) t.unref();
  const adoptLiveQuota = async () => {
    try {
      const windows = await readLiveQuota(centra);
      if (windows) centraLimiter.setLimits(windows);
    } catch (error) {
      logger.warn({ err: error }, 'could not read Centra rateLimits; keeping the configured limits');
    }
  };
  if (config.WORKER_ENABLED) void adoptLiveQuota();

  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  logger.info({ url, mode: config.mode, worker: config.WORKER_ENABLED }, 'centra-ometria is ready');
  return {
    url, port, store, worker, logger,
    async close() {
      draining = true;
      for (const t of timers) clearInterval(t);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await worker.stop();
      for (let waited = 0; scheduler.busy() && waited < 30_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      await closed;
      await store.close();
      logger.info('centra-ometria stopped');
    },
  };
}

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, () => resolve(server));
    server.once('error', reject);
  });
}

/** The sandbox's webhook secret: public on purpose, the sandbox only listens on 127.0.0.1. */
export const SANDBOX_WEBHOOK_SECRET = 'sandbox-secret';

/**
 * decisions.md 22: with no credentials, start an in-process Centra simulator and Ometria recorder and run the
 * real service against them. The sandbox store lives in DATA_DIR/sandbox and starts empty every time.
 */
export async function startSandbox(config: Readonly<Config>, overrides: ServiceOverrides = {}): Promise<ServiceHandle> {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const centra = await startCentraSimulator();
  const ometria = await startOmetriaRecorder();
  const dataDir = join(config.DATA_DIR, 'sandbox');
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
