import { createAlerter, type Alerter } from './alerts/alerter.js';
import { createCentraClient, type CentraClient } from './centra/centra-client.js';
import { createUnknownValueRecorder } from './centra/unknown-values.js';
import { createOrderBatchSizer, ORDER_BATCH_SIZE_KEY } from './centra/orders/order-batch-size.js';
import { createSchemaAdapter } from './centra/schema/schema-adapter.js';
import { runSchemaCheck, type StoredSchemaCheck } from './centra/schema/run-schema-check.js';
import type { Config } from './config/load-config.js';
import type { Logger } from './log/logger.js';
import { NO_METRICS, type Metrics } from './metrics/metrics.js';
import { createReadClient, type ReadClient } from './ometria/read-client.js';
import { DEFAULT_CARRIER_URLS, trackingUrlBuilder } from './mapping/order/tracking-url.js';
import { createPushClient } from './ometria/push-client.js';
import { perSecond, tokenBucket } from './remote/limiter-windows.js';
import { createRateLimiter, type RateLimiter } from './remote/rate-limiter.js';
import { createShareLimiter } from './remote/share-limiter.js';
import type { JobKind } from './jobs/job-kinds.js';
import { createJobHandlers } from './jobs/job-registry.js';
import type { Store } from './store/store.js';
import type { SyncContext } from './jobs/sync-context.js';
import type { CatalogueConfig } from './config/catalogue-config.js';
import { createWorker, type Worker } from './worker/worker.js';

export interface Runtime {
  ctx: SyncContext;
  /** undefined without CATALOGUE_STORES: product jobs then stay pending. */
  catalogue: CatalogueConfig | undefined;
  reader: ReadClient;
  worker: Worker;
  alerter: Alerter;
  centra: CentraClient;
  centraLimiter: RateLimiter;
  /** Introspects Centra and adapts every document to it (docs/centra-setup.md). */
  checkCentraSchema: () => Promise<StoredSchemaCheck>;
  handledKinds: ReadonlySet<JobKind>;
}

/** Clients, limiters, sync context and worker for one process; builds, starts nothing. */
export function createRuntime(
  config: Readonly<Config>,
  store: Store,
  deps: { logger: Logger; now: () => number; random?: () => number; fetch?: typeof fetch; tenant?: string; metrics?: Metrics },
): Runtime {
  const { logger, now } = deps;
  // The service's one tenant's port (server/metrics/); CLI commands and benchmarks report none.
  const metrics = deps.metrics ?? NO_METRICS;
  const maxRetryAfterMs = config.REMOTE_MAX_RETRY_AFTER_SECONDS * 1000;
  const alerter = createAlerter({
    alerts: store.alerts,
    logger,
    now,
    webhookUrl: config.ALERT_WEBHOOK_URL,
    fetch: deps.fetch,
    teams: config.ALERT_TEAMS,
    label: deps.tenant,
    metrics,
  });
  // Limiter names are calendars in the store: every replica on it books from the same one.
  const centraLimiter = createRateLimiter(store.rateSlots, 'centra', [
    tokenBucket(config.CENTRA_RATE_LIMIT_10S, 10_000),
    tokenBucket(config.CENTRA_RATE_LIMIT_HOUR, 3_600_000),
  ]);
  const schemaAdapter = createSchemaAdapter();
  const centra = createCentraClient({
    url: config.CENTRA_API_URL!,
    token: config.CENTRA_API_TOKEN!,
    timeoutMs: config.CENTRA_TIMEOUT_MS,
    limiter: centraLimiter,
    now,
    fetch: deps.fetch,
    adapter: schemaAdapter,
    maxRetryAfterMs,
    metrics,
  });
  const runCheck = () => runSchemaCheck({ centra, adapter: schemaAdapter, kv: store.kv, alerter, logger, now });
  // Whoever sends the first document (the worker, a CLI command) waits for the first check, and start-up's
  // explicit check is that same one: one introspection, nothing races it.
  let firstCheck: Promise<StoredSchemaCheck> | undefined;
  let firstClaimed = false;
  schemaAdapter.bindCheck(() => (firstCheck ??= runCheck()));
  const checkCentraSchema = () => {
    if (firstClaimed) return runCheck();
    firstClaimed = true;
    return (firstCheck ??= runCheck());
  };
  const pushLimiter = createRateLimiter(store.rateSlots, 'ometria-push', perSecond(config.OMETRIA_PUSH_RATE));
  const ometria = createPushClient({
    baseUrl: config.OMETRIA_API_URL,
    apiKey: config.OMETRIA_API_KEY!,
    limiter: pushLimiter,
    now,
    fetch: deps.fetch,
    maxRetryAfterMs,
    metrics,
  });
  // Storefront events: at most TRACKER_PUSH_SHARE of the push rate, and inside the whole of it (share-limiter.ts).
  const trackerLimiter = createShareLimiter(
    createRateLimiter(store.rateSlots, 'ometria-push-tracker', perSecond(config.OMETRIA_PUSH_RATE * config.TRACKER_PUSH_SHARE)),
    pushLimiter,
  );
  const trackerOmetria = createPushClient({
    baseUrl: config.OMETRIA_API_URL,
    apiKey: config.OMETRIA_API_KEY!,
    limiter: trackerLimiter,
    now,
    fetch: deps.fetch,
    maxRetryAfterMs,
    metrics,
  });
  const orderBatch = createOrderBatchSizer({
    max: config.CENTRA_BATCH_SIZE,
    requestWindows: () => centraLimiter.windows(),
    onChange: (size) => {
      logger.info({ size }, "orders per Centra request changed to fit Centra's query-complexity quota");
      store.kv.set(ORDER_BATCH_SIZE_KEY, size).catch((error: unknown) => logger.warn({ err: error }, 'could not record the order batch size'));
    },
  });
  const catalogue: CatalogueConfig | undefined = config.CATALOGUE_STORES && {
    stores: config.CATALOGUE_STORES,
    customAttributes: config.CATALOGUE_CUSTOM_ATTRIBUTES,
  };
  const ctx: SyncContext = {
    store,
    centra,
    ometria,
    alerter,
    logger,
    now,
    random: deps.random ?? Math.random,
    storeMap: config.OMETRIA_STORE_MAP,
    storeMapOptional: config.OMETRIA_STORE_MAP_OPTIONAL,
    contactCollection: config.OMETRIA_CONTACT_COLLECTION,
    notFoundGiveUpMs: config.CENTRA_NOT_FOUND_GIVE_UP_HOURS * 3_600_000,
    get centraBatchSize() {
      return orderBatch.size();
    },
    orderBatch,
    trackingUrl: trackingUrlBuilder({ ...DEFAULT_CARRIER_URLS, ...config.CARRIER_TRACKING_URLS }),
    customers: config.customers,
    unknownValues: createUnknownValueRecorder({ kv: store.kv, logger, now }),
    metrics,
  };
  const { handlers, handledKinds } = createJobHandlers(config, { ctx, trackerOmetria, catalogue });
  const worker = createWorker({ jobs: store.jobs, handlers, logger, now, leaseMs: config.JOB_LEASE_SECONDS * 1000 });
  const reader = createReadClient({
    baseUrl: config.OMETRIA_API_URL,
    apiKey: config.OMETRIA_API_KEY!,
    limiter: createRateLimiter(store.rateSlots, 'ometria-read', perSecond(4)),
    now,
    fetch: deps.fetch,
  });
  return { ctx, catalogue, reader, worker, alerter, centra, centraLimiter, checkCentraSchema, handledKinds };
}
