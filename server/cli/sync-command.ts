import { parseArgs } from 'node:util';
import { runCatalogueSync } from '../jobs/products/catalogue-sync.js';
import type { Config } from '../config/load-config.js';
import { createLogger } from '../log/logger.js';
import { createRuntime } from '../runtime.js';
import { openConfiguredStore } from '../open-configured-store.js';
import { progressReporter } from './progress-reporter.js';
import { syncNewsletter } from './sync-newsletter-command.js';

/** `sync products [--incremental]`: a catalogue sync now (full by default), with progress. `sync newsletter`: one newsletter poll now. */
export async function syncCommand(config: Readonly<Config>, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { incremental: { type: 'boolean' } } });
  const entity = positionals[0] ?? 'products';
  if (entity === 'newsletter') return syncNewsletter(config);
  if (entity !== 'products') {
    console.error(`sync: unknown entity "${positionals[0]}" (supported: products, newsletter)`);
    return 2;
  }
  if (config.mode === 'sandbox' || !config.CATALOGUE_STORES) {
    console.error('sync products needs CENTRA_API_URL, OMETRIA_API_KEY and CATALOGUE_STORES');
    return 2;
  }
  const store = await openConfiguredStore(config);
  const progress = progressReporter('products');
  try {
    const runtime = createRuntime(config, store, { logger: createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL), now: Date.now });
    const result = await runCatalogueSync(runtime.ctx, runtime.catalogue!, {
      mode: values.incremental ? 'incremental' : 'full',
      onProgress: (p) => progress.update(p.products, Math.max(p.products, 1)),
    });
    progress.stop();
    console.log(JSON.stringify(result, null, 2));
    return result.state === 'failed' ? 1 : 0;
  } finally {
    await store.close();
  }
}
