import express, { type Router } from 'express';
import type { Store } from '../store/store.js';

export interface HealthDeps {
  store: Store;
  /** false while the worker is disabled or stopped; /readyz reports it. */
  workerRunning: () => boolean;
  workerEnabled: boolean;
  draining: () => boolean;
}

/** /healthz: the process answers. /readyz: the store opens and queries, the worker runs, not shutting down. */
export function healthRouter(deps: HealthDeps): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  router.get('/readyz', (_req, res) => {
    const checks = { store: storeOk(deps.store), worker: !deps.workerEnabled || deps.workerRunning(), accepting: !deps.draining() };
    const ok = checks.store && checks.worker && checks.accepting;
    res.status(ok ? 200 : 503).json({ ok, checks });
  });
  return router;
}

function storeOk(store: Store): boolean {
  try {
    return store.db.open && store.db.prepare('SELECT 1 AS one').get() !== undefined;
  } catch {
    return false;
  }
}
