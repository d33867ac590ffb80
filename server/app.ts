import express, { type Express } from 'express';
import { accessPolicy } from './access/access-policy.js';
import { loginRouter } from './access/login-routes.js';
import { operationsGate } from './access/operations-gate.js';
import type { Alerter } from './alerts/alerter.js';
import type { Config } from './config/load-config.js';
import { collectGuards } from './collect/collect-guards.js';
import { collectRouter } from './collect/collect-router.js';
import type { FreeDiskBytes } from './collect/disk-guard.js';
import { errorHandler } from './http/error-handler.js';
import { healthRouter } from './http/health-routes.js';
import { securityHeaders } from './http/security-headers.js';
import { createIntakeWriter } from './intake/intake-writer.js';
import { createSignatureFailureWatch } from './http/signature-failures.js';
import { webhookRouter } from './http/webhook-route.js';
import type { Logger } from './log/logger.js';
import type { Metrics } from './metrics/metrics.js';
import { metricsRouter, type Scrape } from './status/metrics.js';
import { statusRouter } from './status/status-routes.js';
import type { JobKind } from './jobs/job-kinds.js';
import type { Store } from './store/store.js';

export interface AppDeps {
  config: Readonly<Config>;
  store: Store;
  logger: Logger;
  alerter: Alerter;
  webhookSecret: string;
  handledKinds: ReadonlySet<JobKind>;
  now: () => number;
  workerRunning: () => boolean;
  draining: () => boolean;
  wakeWorker: () => void;
  /** Extra routers mounted before the error handler (sandbox pages, /collect). */
  extraRouters?: express.Router[];
  /** Free space under DATA_DIR (tests inject a full disk); default: statfs. */
  freeDiskBytes?: FreeDiskBytes;
  /** This tenant's port of the process's metrics (server/metrics/). */
  metrics: Metrics;
  /** What GET /metrics answers: this tenant's series and the process's. */
  scrape: Scrape;
}

/** The HTTP surface; routes only translate HTTP to calls and back. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // TRUST_PROXY (default false): whose X-Forwarded-For decides req.ip, the key of /collect's rate limit
  app.set('trust proxy', deps.config.TRUST_PROXY);
  const collect = collectGuards(deps.config, deps.store, { now: deps.now, freeDiskBytes: deps.freeDiskBytes });
  app.use(securityHeaders());
  const access = accessPolicy(deps.config);
  const gate = operationsGate(access, deps.now);
  app.use((req, res, next) => {
    if (deps.draining() && req.method === 'POST') {
      res.set('Retry-After', '30').status(503).json({ error: 'shutting down; retry shortly' });
      return;
    }
    next();
  });
  app.use(healthRouter({ store: deps.store, workerRunning: deps.workerRunning, workerEnabled: deps.config.WORKER_ENABLED, draining: deps.draining }));
  const signatureFailures = createSignatureFailureWatch({
    alerter: deps.alerter,
    logger: deps.logger,
    now: deps.now,
    threshold: deps.config.SIGNATURE_FAILURE_ALERT,
    metrics: deps.metrics,
  });
  app.use(
    webhookRouter({
      intake: createIntakeWriter(deps.store, deps.handledKinds),
      logger: deps.logger,
      alerter: deps.alerter,
      secret: deps.webhookSecret,
      toleranceSeconds: deps.config.CENTRA_SIGNATURE_TOLERANCE_SECONDS,
      maxBodyBytes: deps.config.WEBHOOK_MAX_BODY_BYTES,
      now: deps.now,
      onQueued: deps.wakeWorker,
      signatureFailures,
      metrics: deps.metrics,
    }),
  );
  app.use(
    statusRouter({
      store: deps.store,
      mode: deps.config.mode,
      workerEnabled: deps.config.WORKER_ENABLED,
      workerRunning: deps.workerRunning,
      access,
      gate,
      now: deps.now,
      onQueued: deps.wakeWorker,
      collect: collect.status,
    }),
  );
  app.use(loginRouter(access, deps.now));
  app.use(metricsRouter(deps.scrape, gate.metrics));
  app.use(
    collectRouter({
      store: deps.store,
      logger: deps.logger,
      now: deps.now,
      wakeWorker: deps.wakeWorker,
      allowedOrigins: deps.config.TRACKER_ALLOWED_ORIGINS,
      maxBodyBytes: deps.config.COLLECT_MAX_BODY_BYTES,
      ratePerMinute: deps.config.COLLECT_RATE_PER_MINUTE,
      holdMs: deps.config.ANON_HOLD_HOURS * 3_600_000,
      holdMax: deps.config.ANON_HOLD_MAX,
      metrics: deps.metrics,
      ...collect,
    }),
  );
  for (const router of deps.extraRouters ?? []) app.use(router);
  app.use((req, res) => {
    res.status(404).json({ error: `no route for ${req.method} ${req.path}` });
  });
  app.use(errorHandler(deps.logger));
  return app;
}
