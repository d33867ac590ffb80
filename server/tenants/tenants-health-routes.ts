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
 * queries and its worker runs, and not shutting down; it answers counts, never tenant ids. A load balancer then takes the whole process out, since
 * every tenant's webhooks arrive on it.
 */
export function tenantsHealthRouter(deps: { tenants: readonly TenantHealth[]; draining: () => boolean }): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  router.get('/readyz', async (_req, res) => {
    const ready = await Promise.all(deps.tenants.map(async (t) => (await storeOk(t.store)) && (!t.workerEnabled || t.workerRunning())));
    const accepting = !deps.draining();
    const readyCount = ready.filter(Boolean).length;
    const ok = accepting && readyCount === ready.length;
    // Counts only: the tenant ids (brands) are not for whoever probes the URL. A tenant's own
    // /tenants/<id>/readyz names its checks, to whoever already knows the id.
    res.status(ok ? 200 : 503).json({ ok, checks: { accepting }, tenants: { total: ready.length, ready: readyCount } });
  });
  return router;
}
