import express, { type RequestHandler, type Router } from 'express';

/** The text exposition of a process's metrics (server/metrics/prometheus-metrics.ts), for one tenant or all. */
export type Scrape = () => Promise<{ contentType: string; body: string }>;

/**
 * GET /metrics in Prometheus text format (docs/operations.md, "Metrics"). `gate` lets in METRICS_TOKEN or
 * ADMIN_TOKEN (operations-gate.ts). The gauges read the store through counters and indexes only (issue 15).
 */
export function metricsRouter(scrape: Scrape, gate: RequestHandler): Router {
  const router = express.Router();
  router.get('/metrics', gate, async (_req, res) => {
    const { contentType, body } = await scrape();
    res.type(contentType).send(body);
  });
  return router;
}
