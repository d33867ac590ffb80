import autocannon from 'autocannon';
import { join } from 'node:path';
import { packageRoot } from '../server/package-root.js';
import { startChild } from './child.js';
import type { Figure } from './report.js';
import { seedLargeStore } from './seed-large-store.js';

/** Sent as a bearer token: the operations pages are private in production (issue 15). */
const ADMIN_TOKEN = 'bench-admin-token-0123456789';

/**
 * Issue 15: GET /status.json and GET /metrics on a store holding `rows` rows in each large table (deliveries, jobs,
 * push_log, tracker_events, ledger), the service in its own process (worker off, so nothing else runs). One
 * connection, requests back to back, so the latency is the service's own, not a queue's.
 */
export async function statusBench(env: Record<string, string>, dataDir: string, rows: number, seconds: number): Promise<Figure[]> {
  const seedSeconds = await seedLargeStore(dataDir, { large: rows, small: Math.max(1_000, rows / 100) }, Date.now());
  const service = await startChild(join(packageRoot(), 'dist/bin/centra-ometria.js'), ['serve'], {
    ...env,
    DATA_DIR: dataDir,
    CENTRA_WEBHOOK_SECRET: 'bench-secret',
    WORKER_ENABLED: 'false',
    ADMIN_TOKEN,
    LOG_LEVEL: 'info',
  });
  const figures: Figure[] = [];
  try {
    const rowsText = rows.toLocaleString('en');
    for (const path of ['/status.json', '/metrics']) {
      const result = await autocannon({
        url: `${service.url}${path}`,
        method: 'GET',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        connections: 1,
        duration: seconds,
      });
      const how = `${rowsText} rows in each of deliveries, jobs, push_log, tracker_events, ledger (seeded in ${Math.round(seedSeconds)} s); autocannon, 1 connection, ${seconds} s, service in its own process`;
      const errors = result.non2xx + result.errors;
      figures.push(
        { name: `${path} latency p50, ${rowsText} rows`, value: result.latency.p50, unit: 'ms', how, errors },
        { name: `${path} latency p99, ${rowsText} rows`, value: result.latency.p99, unit: 'ms', goal: '≤ 50', how },
        { name: `${path} requests per second, 1 connection`, value: Math.round(result.requests.average), unit: 'req/s', how },
      );
    }
  } finally {
    await service.stop();
  }
  return figures;
}
