import { runCatalogueSync } from '../server/jobs/products/catalogue-sync.js';
import { seedCatalogue } from '../sandbox/centra-simulator/index.js';
import { benchStack } from './in-process-stack.js';
import type { Figure } from './report.js';

/** A full catalogue sync of `products` × 4 colours × 5 sizes, then a second full sync that should push nothing. */
export async function catalogueBench(products: number): Promise<Figure[]> {
  const stack = await benchStack();
  try {
    seedCatalogue(stack.centra.data, { products, variantsPerProduct: 4, sizesPerVariant: 5, seed: 5 });
    const sizes = products * 20;
    const started = Date.now();
    const first = await runCatalogueSync(stack.runtime.ctx, stack.runtime.catalogue!, { mode: 'full' });
    const firstSeconds = (Date.now() - started) / 1000;
    const second = await runCatalogueSync(stack.runtime.ctx, stack.runtime.catalogue!, { mode: 'full' });
    const how = `${sizes} sizes (${products} products × 4 colours × 5 sizes), 2 Ometria stores; Centra 20 req/10 s, Ometria 4 req/s`;
    return [
      { name: `catalogue: full sync of ${sizes} sizes`, value: Math.round(firstSeconds), unit: 's', how },
      { name: 'catalogue: Centra requests, full sync', value: first.centraRequests, unit: 'requests', how: `${first.pages} pages` },
      { name: 'catalogue: records pushed, full sync', value: first.pushed, unit: 'records', how: `state ${first.state}` },
      {
        name: 'catalogue: skipped as unchanged, second sync',
        value: Math.round((second.skippedUnchanged / Math.max(second.records, 1)) * 1000) / 10,
        unit: '%',
        goal: '100',
        how: `${second.pushed} records pushed again`,
      },
    ];
  } finally {
    await stack.close();
  }
}
