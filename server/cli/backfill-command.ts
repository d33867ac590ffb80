import { Command, InvalidArgumentError } from 'commander';
import { runBackfill } from '../jobs/backfill/run-backfill.js';
import { queueAllCustomers } from '../jobs/backfill/backfill-customers.js';
import { runCatalogueSync } from '../jobs/products/catalogue-sync.js';
import type { CliContext } from './cli-context.js';
import { commandConfig, requireCredentials } from './command-config.js';
import { jsonOption, tenantOption } from './command-options.js';
import { withSession } from './command-session.js';
import { printResult } from './print-result.js';
import { progressReporter } from './progress-reporter.js';

const ENTITIES = ['orders', 'customers', 'products'] as const;
type Entity = (typeof ENTITIES)[number];

interface BackfillReport {
  products?: { state: string; products: number; pushed: number; skippedUnchanged: number } | { skipped: string };
  orders?: { processed: number; total: number; finished: boolean };
  customers?: { synced: number };
}

/**
 * `backfill [--since DATE] [--entities orders,customers,products]`: products first (orders reference them), then
 * order history newest first, then every customer with consent and attributes. Ctrl-C stops after the batch in hand.
 */
export function backfillCommand(ctx: CliContext): Command {
  return new Command('backfill')
    .description('import history (products, orders newest first, customers); resumes where it stopped')
    .option('--since <date>', 'oldest order to import, e.g. 2024-01-01', parseSince, Date.parse('2000-01-01T00:00:00Z'))
    .option('--entities <list>', `comma-separated, of ${ENTITIES.join(', ')}`, parseEntities, [...ENTITIES])
    .addOption(jsonOption())
    .addOption(tenantOption())
    .action(async (opts: { since: number; entities: Entity[]; json?: boolean; tenant?: string }) => {
      const config = await commandConfig(ctx.env, opts.tenant);
      requireCredentials(config, 'backfill');
      const abort = new AbortController();
      const onSignal = () => abort.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        const report = await withSession(config, async ({ runtime: build }) => {
          const runtime = build();
          const report: BackfillReport = {};
          if (opts.entities.includes('products')) {
            if (!runtime.catalogue) report.products = { skipped: 'CATALOGUE_STORES is not set' };
            else {
              const { state, products, pushed, skippedUnchanged } = await runCatalogueSync(runtime.ctx, runtime.catalogue, { mode: 'full' });
              report.products = { state, products, pushed, skippedUnchanged };
            }
          }
          if (opts.entities.includes('orders')) {
            const progress = progressReporter('orders', opts.json ? process.stderr : process.stdout);
            const done = await runBackfill(runtime.ctx, {
              since: opts.since,
              signal: abort.signal,
              onProgress: (cp) => progress.update(cp.processed, cp.total),
            });
            progress.stop();
            report.orders = { processed: done.processed, total: done.total, finished: Boolean(done.finishedAt) };
          }
          if (opts.entities.includes('customers') && !abort.signal.aborted) {
            const synced = await queueAllCustomers(runtime.ctx, config.CENTRA_BATCH_SIZE, abort.signal);
            await runtime.worker.drain();
            report.customers = { synced };
          }
          return report;
        });
        printResult(opts.json, report, formatBackfill);
        const productsOk = !report.products || 'skipped' in report.products || report.products.state === 'done';
        ctx.exit(productsOk && (report.orders?.finished ?? true) ? 0 : 1);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}

function parseSince(raw: string): number {
  const since = Date.parse(raw);
  if (!Number.isFinite(since)) throw new InvalidArgumentError(`--since must be a date such as 2024-01-01, got "${raw}"`);
  return since;
}

function parseEntities(raw: string): Entity[] {
  const entities = raw.split(',').map((e) => e.trim());
  const unknown = entities.filter((e) => !(ENTITIES as readonly string[]).includes(e));
  if (unknown.length > 0) throw new InvalidArgumentError(`${unknown.join(', ')} not supported by this release (supported: ${ENTITIES.join(', ')})`);
  return entities as Entity[];
}

function formatBackfill(r: BackfillReport): string {
  const lines: string[] = [];
  if (r.products)
    lines.push(
      'skipped' in r.products
        ? `products: skipped, ${r.products.skipped}`
        : `products: ${r.products.state}, ${r.products.products} products, ${r.products.pushed} records pushed, ${r.products.skippedUnchanged} unchanged`,
    );
  if (r.orders)
    lines.push(
      r.orders.finished
        ? `orders: finished, ${r.orders.processed} orders`
        : `orders: interrupted at ${r.orders.processed}/${r.orders.total}; run it again to resume`,
    );
  if (r.customers) lines.push(`customers: ${r.customers.synced} synced with consent and attributes`);
  return lines.join('\n');
}
