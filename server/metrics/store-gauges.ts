import { Gauge, type Registry } from 'prom-client';
import type { Store } from '../store/store.js';
import { lagSeconds } from '../status/status-snapshot.js';
import { METRIC_PREFIX } from './metric-prefix.js';

/** One tenant's store, read at scrape time. */
export interface GaugeSource {
  tenant: string;
  store: Store;
  now: () => number;
}

/**
 * The figures that are states, not events, read from each tenant's store at scrape time through counters and
 * indexes only (issue 15), never a scan of a large table: they are right after a restart and across replicas,
 * which an in-memory counter is not.
 */
export function registerStoreGauges(registry: Registry, sources: () => readonly GaugeSource[]): void {
  const gauge = (name: string, help: string, labelNames: string[], fill: (g: Gauge, source: GaugeSource) => Promise<void>) =>
    new Gauge({
      name: `${METRIC_PREFIX}${name}`,
      help,
      labelNames: ['tenant', ...labelNames],
      registers: [registry],
      async collect() {
        this.reset();
        for (const source of sources()) await fill(this, source);
      },
    });

  gauge('jobs', 'Sync jobs by kind and state.', ['kind', 'state'], async (g, { tenant, store }) => {
    for (const row of await store.jobs.countsByState()) g.set({ tenant, kind: row.kind, state: row.state }, row.n);
  });
  gauge('lag_seconds', 'Age of the oldest job still waiting or running, seconds.', [], async (g, { tenant, store, now }) =>
    g.set({ tenant }, await lagSeconds(store, now())),
  );
  gauge('dead_letters_open', 'Dead letters waiting for a replay.', [], async (g, { tenant, store }) => g.set({ tenant }, await store.deadLetters.countOpen()));
  gauge('alerts_open', 'Open alerts by owning team.', ['team'], async (g, { tenant, store }) => {
    for (const row of await store.alerts.openByTeam()) g.set({ tenant, team: row.team }, row.n);
  });
  gauge('findings_open', 'Open or repairing drift findings by kind.', ['kind'], async (g, { tenant, store }) => {
    for (const f of await store.findings.listActive()) g.inc({ tenant, kind: f.kind });
  });
}
