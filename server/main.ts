import type { RequestListener, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accessPolicy } from './access/access-policy.js';
import { operationsGate } from './access/operations-gate.js';
import { cliVersion } from './cli/cli-version.js';
import type { Config } from './config/load-config.js';
import { listen } from './listen.js';
import { createLogger, type Logger } from './log/logger.js';
import { createProcessMetrics } from './metrics/prometheus-metrics.js';
import { openService, type OpenedService, type ServiceOverrides } from './open-service.js';
import { metricsRouter } from './status/metrics.js';
import { StartUpError } from './start-up-error.js';
import type { Store } from './store/store.js';
import { tenantsApp } from './tenants/tenants-app.js';
import { tenantsHealthRouter } from './tenants/tenants-health-routes.js';
import type { Worker } from './worker/worker.js';

export type { ServiceOverrides };

interface Stoppable {
  url: string;
  port: number;
  logger: Logger;
  /** Graceful: refuse new deliveries, let the batch in hand finish, close the store(s). */
  close(): Promise<void>;
}

export interface ServiceHandle extends Stoppable {
  store: Store;
  worker: Worker;
}

export interface TenantHandle {
  id: string;
  config: Readonly<Config>;
  store: Store;
  worker: Worker;
  /** The process logger's child with `tenant: <id>` on every line. */
  logger: Logger;
}

export interface TenantsHandle extends Stoppable {
  /** By id, in TENANTS_FILE's order. */
  tenants: ReadonlyMap<string, TenantHandle>;
}

/** Starts the sandbox (sandbox/start-sandbox.ts): given to the serve command by the CLI entry, never imported here. */
export type StartSandbox = (config: Readonly<Config>, overrides?: ServiceOverrides) => Promise<ServiceHandle>;

/** One configuration: its store, worker and scheduler behind one listener. */
export async function startService(config: Readonly<Config>, overrides: ServiceOverrides = {}): Promise<ServiceHandle> {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  let service: OpenedService | undefined;
  const metrics = createProcessMetrics({ version: cliVersion(), soleTenant: config.tenant?.id ?? 'default' });
  const handle = await runLifecycle(config, logger, { worker: config.WORKER_ENABLED }, async (draining) => {
    service = await openService(config, overrides, { logger, draining, metrics });
    return { services: [service], app: service.app };
  });
  return { ...handle, store: service!.store, worker: service!.worker };
}

/**
 * TENANTS_FILE: one listener for several tenants, each with its own store, runtime (clients, limiters, alerter),
 * worker and scheduler, exactly as a single-tenant service has; only the HTTP routing and readiness are shared.
 */
export async function startTenants(config: Readonly<Config>, overrides: ServiceOverrides = {}): Promise<TenantsHandle> {
  if (!config.tenants) throw new Error('startTenants needs a configuration loaded with TENANTS_FILE');
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const tenants = new Map<string, TenantHandle>();
  // One registry for the process: each tenant's series carry its id, process_* and nodejs_* none.
  const metrics = createProcessMetrics({ version: cliVersion() });
  const handle = await runLifecycle(config, logger, { tenants: Object.keys(config.tenants) }, async (draining) => {
    const services: OpenedService[] = [];
    try {
      // One after another: each migrates its own store, and a failure names the tenant before any other starts.
      for (const [id, tenantConfig] of Object.entries(config.tenants!)) {
        const tenantLogger = logger.child({ tenant: id });
        const service = await openService(tenantConfig, overrides, { logger: tenantLogger, draining, metrics }).catch((error: unknown) => {
          throw tenantFailure(id, error);
        });
        services.push(service);
        tenants.set(id, { id, config: tenantConfig, store: service.store, worker: service.worker, logger: tenantLogger });
      }
    } catch (error) {
      await Promise.all(services.map((s) => s.store.close()));
      throw error;
    }
    const app = tenantsApp({
      tenants: new Map([...tenants].map(([id], i) => [id, services[i]!.app])),
      health: tenantsHealthRouter({
        tenants: [...tenants.values()].map((t) => ({
          id: t.id,
          store: t.store,
          workerEnabled: t.config.WORKER_ENABLED,
          workerRunning: () => t.worker.isRunning(),
        })),
        draining,
      }),
      // Every tenant's series, behind the base configuration's METRICS_TOKEN or ADMIN_TOKEN.
      metrics: metricsRouter(() => metrics.scrape(), operationsGate(accessPolicy(config), overrides.now ?? Date.now).metrics),
      logger,
      trustProxy: config.TRUST_PROXY,
    });
    return { services, app };
  });
  return { ...handle, tenants };
}

/**
 * The lifecycle both modes share: open (stores migrated, apps built), listen, start (workers, timers), ready; on
 * close drain (refuse new deliveries), stop (let the batch in hand finish), close the stores. A failure before ready
 * closes whatever was opened, so the process can exit.
 */
async function runLifecycle(
  config: Readonly<Config>,
  logger: Logger,
  readyFields: Record<string, unknown>,
  open: (draining: () => boolean) => Promise<{ services: OpenedService[]; app: RequestListener }>,
): Promise<Stoppable> {
  let draining = false;
  // Bound first: a port in use fails in milliseconds, before any store is opened or migrated.
  let app: RequestListener | undefined;
  const server = await listen((req, res) => (app ? app(req, res) : starting(res)), config.PORT, config.HOST);
  let services: OpenedService[];
  try {
    ({ services, app } = await open(() => draining));
  } catch (error) {
    await new Promise((resolve) => server.close(resolve));
    throw error;
  }
  const closeStores = () => Promise.all(services.map((s) => s.store.close()));
  for (const service of services) service.start();
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  logger.info({ url, mode: config.mode, ...readyFields }, 'centra-ometria is ready');
  return {
    url,
    port,
    logger,
    async close() {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.all(services.map((s) => s.stop()));
      await closed;
      await closeStores();
      logger.info('centra-ometria stopped');
    },
  };
}

/** The tenant's id put in front; a StartUpError stays one, so it is still shown as is. */
function tenantFailure(id: string, error: unknown): Error {
  const message = (error as Error).message;
  if (error instanceof StartUpError) return new StartUpError(message.startsWith(`tenant "${id}"`) ? message : `tenant "${id}": ${message}`, { cause: error });
  return new Error(`tenant "${id}" could not start: ${message}`, { cause: error });
}

/** While the stores open: not ready yet, try again shortly (Centra retries a webhook answered 503). */
function starting(res: ServerResponse): void {
  res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '5' }).end('centra-ometria is starting\n');
}
