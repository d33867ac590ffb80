import express, { type Router } from 'express';
import { storeOk } from '../http/health-routes.js';
import type { Store } from '../store/store.js';

export interface TenantHealth {
  id: string;
  store: Store;
  workerEnabled: boolean;
  workerRunning: () => boolean;
}

/**
 * Top-level /healthz (the process answers) and /readyz over every tenant: ready only while each tenant's store
 * queries and its worker runs, and not shutting down. A load balancer then takes the whole process out, since
 * every tenant's webhooks arrive on it.
 */
export function tenantsHealthRouter(deps: { tenants: readonly TenantHealth[]; draining: () => boolean }): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  router.get('/readyz', async (_req, res) => {
    const tenants = Object.fromEntries(
      await Promise.all(deps.tenants.map(async (t) => {
        const checks = { store: await storeOk(t.store), worker: !t.workerEnabled || t.workerRunning() };
        return [t.id, { ok: checks.store && checks.worker, checks }] as const;
      })),
    );
    const accepting = !deps.draining();
    const ok = accepting && Object.values(tenants).every((t) => t.ok);
    res.status(ok ? 200 : 503).json({ ok, checks: { accepting }, tenants });
  });
  return router;
}
