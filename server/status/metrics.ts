import express, { type RequestHandler, type Router } from 'express';
import { Gauge, Registry } from 'prom-client';
import type { Store } from '../store/store.js';
import { lagSeconds, pushRate } from './status-snapshot.js';

/** Figures this process keeps in memory rather than in the store. */
export interface ProcessCounters {
  /** Webhook deliveries refused for their signature since start, by reason (server/http/signature-failures.ts). */
  signatureFailures?: () => ReadonlyMap<string, number>;
}

/**
 * GET /metrics in Prometheus text format: the /status figures, read from the store at scrape time through counters
 * and indexes only (issue 15), never a scan of a large table. `gate` lets in METRICS_TOKEN or ADMIN_TOKEN
 * (operations-gate.ts).
 */
export function metricsRouter(store: Store, now: () => number, gate: RequestHandler, counters: ProcessCounters = {}): Router {
  const registry = new Registry();
  const gauge = (name: string, help: string, labelNames: string[], fill: (g: Gauge) => Promise<void>) =>
    new Gauge({
      name: `centra_ometria_${name}`,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        await fill(this);
      },
    });

  gauge('jobs', 'Sync jobs by kind and state.', ['kind', 'state'], async (g) => {
    for (const row of await store.jobs.countsByState()) g.set({ kind: row.kind, state: row.state }, row.n);
  });
  gauge('lag_seconds', 'Age of the oldest job still waiting or running, seconds.', [], async (g) => g.set(await lagSeconds(store, now())));
  gauge('dead_letters_open', 'Dead letters waiting for a replay.', [], async (g) => g.set(await store.deadLetters.countOpen()));
  gauge('alerts_open', 'Open alerts by owning team.', ['team'], async (g) => {
    for (const row of await store.alerts.openByTeam()) g.set({ team: row.team }, row.n);
  });
  gauge('findings_open', 'Open or repairing drift findings by kind.', ['kind'], async (g) => {
    for (const f of await store.findings.listActive()) g.inc({ kind: f.kind });
  });
  gauge('pushes_last_hour', 'Pushes to Ometria in the last hour.', ['outcome'], async (g) => {
    const rate = await pushRate(store, now());
    g.set({ outcome: 'ok' }, rate.lastHour - rate.failedLastHour);
    g.set({ outcome: 'failed' }, rate.failedLastHour);
  });
  gauge('deliveries', 'Webhook deliveries stored.', [], async (g) => g.set(await store.deliveries.count()));
  // A counter in meaning (only grows, per process since start); exposed with the _total name Prometheus expects.
  gauge(
    'webhook_signature_failures_total',
    'Webhook deliveries refused (401) for their signature since this process started, by reason.',
    ['reason'],
    async (g) => {
      for (const reason of ['missing', 'malformed', 'stale', 'future', 'mismatch']) g.set({ reason }, counters.signatureFailures?.().get(reason) ?? 0);
    },
  );

  const router = express.Router();
  router.get('/metrics', gate, async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}
