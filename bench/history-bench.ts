import { runBackfill } from '../server/jobs/backfill/run-backfill.js';
import { runReconcile } from '../server/jobs/reconcile/run-reconcile.js';
import { seedOrders } from '../sandbox/centra-simulator/index.js';
import { benchStack } from './in-process-stack.js';
import type { Figure } from './report.js';

/**
 * Backfill of `count` orders spread over 90 days, as a share of the bound Centra's rate limit sets
 * (CENTRA_BATCH_SIZE orders per request, 20 requests per 10 s); then a 90-day reconciliation of the same orders.
 */
export async function historyBench(count: number): Promise<Figure[]> {
  const stack = await benchStack();
  try {
    // The seeder adds up to 10 min of jitter per order; ending 15 min ago keeps every order before the backfill's
    // fixed end (newer orders are the webhooks' business, not the backfill's).
    const from = new Date(Date.now() - 89 * 86_400_000 - 15 * 60_000).toISOString();
    seedOrders(stack.centra.data, { count, seed: 11, heldShare: 0, from, spacingMinutes: (89 * 24 * 60) / count });
    const started = Date.now();
    const done = await runBackfill(stack.runtime.ctx, { since: Date.now() - 365 * 86_400_000 });
    const seconds = (Date.now() - started) / 1000;
    const centraRequests = stack.centra.requests.count((r) => r.status === 200);
    const boundSeconds = (Math.ceil(count / 50) / 20) * 10;
    const reconStart = Date.now();
    const recon = await runReconcile(stack.runtime.ctx, { scope: 'bench', days: 90, repair: false, readBackLimit: 0 });
    const reconSeconds = (Date.now() - reconStart) / 1000;
    const reconRequests = stack.centra.requests.count((r) => r.status === 200) - centraRequests;
    // The reconcile also reads each customer of the checked orders for the consent audit (CENTRA_BATCH_SIZE per
    // request): those requests share the rate limit, so the bound counts every request the run needs.
    const reconBoundSeconds = reconRequests / 2;
    const how = `${count} simulated orders over 90 days; Centra simulator at 20 req/10 s, Ometria recorder at 4 req/s`;
    return [
      { name: `backfill: orders imported of ${count}`, value: done.processed, unit: 'orders', how },
      { name: 'backfill: time', value: round(seconds), unit: 's', how: `${centraRequests} Centra requests` },
      {
        name: 'backfill: share of the Centra rate-limit bound',
        value: round(boundSeconds / seconds, 3),
        unit: 'ratio',
        goal: '≥ 0.90',
        how: `bound = ${Math.ceil(count / 50)} pages of 50 at 2 requests/s = ${boundSeconds} s`,
      },
      {
        name: `reconcile: 90 days, ${count} orders`,
        value: round(reconSeconds),
        unit: 's',
        how: `${recon.checked} orders checked against the ledger, ${recon.findings} findings`,
      },
      {
        name: 'reconcile: share of the Centra rate-limit bound',
        value: round(reconBoundSeconds / reconSeconds, 3),
        unit: 'ratio',
        goal: '≥ 0.90',
        how: `bound = ${reconRequests} Centra requests (${Math.ceil(count / 50)} order pages of 50, the rest customer reads for the consent audit) at 2 requests/s = ${reconBoundSeconds} s`,
      },
    ];
  } finally {
    await stack.close();
  }
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
