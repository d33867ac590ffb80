import { parseArgs } from 'node:util';
import { runBackfill } from '../jobs/backfill/run-backfill.js';
import { queueAllCustomers } from '../jobs/backfill/backfill-customers.js';
import { runCatalogueSync } from '../jobs/products/catalogue-sync.js';
import type { Config } from '../config/load-config.js';
import { createLogger } from '../log/logger.js';
import { createRuntime } from '../runtime.js';
import { openConfiguredStore } from '../open-configured-store.js';
import { progressReporter } from './progress-reporter.js';

const ENTITIES = ['orders', 'customers', 'products'] as const;

/**
 * `backfill [--since DATE] [--entities orders,customers,products]`: products first (orders reference them), then
 * order history newest first, then every customer with consent and attributes. Ctrl-C stops after the batch in hand.
 */
export async function backfillCommand(config: Readonly<Config>, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { since: { type: 'string' }, entities: { type: 'string' } } });
  const since = values.since ? Date.parse(values.since) : Date.parse('2000-01-01T00:00:00Z');
  if (!Number.isFinite(since)) {
    console.error(`--since must be a date such as 2024-01-01, got "${values.since}"`);
    return 2;
  }
  const entities = (values.entities ?? ENTITIES.join(',')).split(',').map((e) => e.trim());
  const unknown = entities.filter((e) => !(ENTITIES as readonly string[]).includes(e));
  if (unknown.length > 0) {
    console.error(`--entities: ${unknown.join(', ')} not supported by this release (supported: ${ENTITIES.join(', ')})`);
    return 2;
  }
  if (config.mode === 'sandbox') {
    console.error('backfill needs CENTRA_API_URL and OMETRIA_API_KEY');
    return 2;
  }
  const store = await openConfiguredStore(config);
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const progress = progressReporter('orders');
  try {
    const runtime = createRuntime(config, store, { logger: createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL), now: Date.now });
    let ok = true;
    if (entities.includes('products')) {
      if (!runtime.catalogue) console.log('products: skipped, CATALOGUE_STORES is not set');
      else {
        const result = await runCatalogueSync(runtime.ctx, runtime.catalogue, { mode: 'full' });
        console.log(`products: ${result.state}, ${result.products} products, ${result.pushed} records pushed, ${result.skippedUnchanged} unchanged`);
        ok &&= result.state === 'done';
      }
    }
    if (entities.includes('orders')) {
      const done = await runBackfill(runtime.ctx, { since, signal: abort.signal, onProgress: (cp) => progress.update(cp.processed, cp.total) });
      progress.stop();
      console.log(done.finishedAt ? `orders: finished, ${done.processed} orders` : `orders: interrupted at ${done.processed}/${done.total}; run it again to resume`);
      ok &&= Boolean(done.finishedAt);
    }
    if (entities.includes('customers') && !abort.signal.aborted) {
      const queued = await queueAllCustomers(runtime.ctx, config.CENTRA_BATCH_SIZE, abort.signal);
      await runtime.worker.drain();
      console.log(`customers: ${queued} synced with consent and attributes`);
    }
    return ok ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await store.close();
  }
}
