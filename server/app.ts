import express, { type Express } from 'express';
import type { Alerter } from './alerts/alerter.js';
import type { Config } from './config/load-config.js';
import { collectRouter } from './collect/collect-router.js';
import { errorHandler } from './http/error-handler.js';
import { healthRouter } from './http/health-routes.js';
import { createIntakeWriter } from './intake/intake-writer.js';
import { createSignatureFailureWatch } from './http/signature-failures.js';
import { webhookRouter } from './http/webhook-route.js';
import type { Logger } from './log/logger.js';
import { metricsRouter } from './status/metrics.js';
import { statusRouter } from './status/status-routes.js';
import type { JobKind } from './store/job-store.js';
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
}

/** The HTTP surface; routes only translate HTTP to calls and back. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((req, res, next) => {
    if (deps.draining() && req.method === 'POST') {
      res.set('Retry-After', '30').status(503).json({ error: 'shutting down; retry shortly' });
      return;
    }
    next();
  });
  app.use(healthRouter({ store: deps.store, workerRunning: deps.workerRunning, workerEnabled: deps.config.WORKER_ENABLED, draining: deps.draining }));
  const signatureFailures = createSignatureFailureWatch({ alerter: deps.alerter, logger: deps.logger, now: deps.now, threshold: deps.config.SIGNATURE_FAILURE_ALERT });
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
    }),
  );
  app.use(
    statusRouter({
      store: deps.store,
      mode: deps.config.mode,
      workerEnabled: deps.config.WORKER_ENABLED,
      workerRunning: deps.workerRunning,
      adminToken: deps.config.ADMIN_TOKEN,
      now: deps.now,
      onQueued: deps.wakeWorker,
    }),
  );
  app.use(metricsRouter(deps.store, deps.now, { signatureFailures: () => signatureFailures.totals() }));
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
    }),
  );
  for (const router of deps.extraRouters ?? []) app.use(router);
  app.use((req, res) => {
    res.status(404).json({ error: `no route for ${req.method} ${req.path}` });
  });
  app.use(errorHandler(deps.logger));
  return app;
}
