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
  router.get('/readyz', async (_req, res) => {
    const checks = { store: await storeOk(deps.store), worker: !deps.workerEnabled || deps.workerRunning(), accepting: !deps.draining() };
    const ok = checks.store && checks.worker && checks.accepting;
    res.status(ok ? 200 : 503).json({ ok, checks });
  });
  return router;
}

/** A ping that throws (pool gone, disk failed) is a "no", not a 500. */
export async function storeOk(store: Store): Promise<boolean> {
  try {
    return await store.ping();
  } catch {
    return false;
  }
}
