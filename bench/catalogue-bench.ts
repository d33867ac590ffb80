import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogueProgress } from '../server/jobs/products/catalogue-progress.js';
import { packageRoot } from '../server/package-root.js';
import { seedCatalogue, startCentraSimulator } from '../sandbox/centra-simulator/index.js';
import { startOmetriaRecorder } from '../sandbox/ometria-recorder/index.js';
import { runChild } from './child.js';
import { stackEnv } from './in-process-stack.js';
import type { Figure } from './report.js';

/**
 * A full catalogue sync of `products` × 4 colours × 5 sizes, then a second full sync that should push nothing.
 * Each runs as `centra-ometria sync products` in its own process, so the peak RSS is the sync's alone (the
 * simulators and their seeded catalogue stay in this process).
 */
export async function catalogueBench(products: number): Promise<Figure[]> {
  const centra = await startCentraSimulator();
  const ometria = await startOmetriaRecorder();
  const dir = mkdtempSync(join(tmpdir(), 'centra-ometria-bench-'));
  try {
    seedCatalogue(centra.data, { products, variantsPerProduct: 4, sizesPerVariant: 5, seed: 5 });
    const env = {
      ...stackEnv(centra, ometria, dir),
      LOG_LEVEL: 'warn',
    };
    const sizes = products * 20;
    const started = Date.now();
    const first = await syncProducts(env);
    const firstSeconds = (Date.now() - started) / 1000;
    const second = await syncProducts(env);
    const how = `${sizes} sizes (${products} products × 4 colours × 5 sizes), 2 Ometria stores; Centra 20 req/10 s, Ometria 4 req/s`;
    return [
      { name: `catalogue: full sync of ${sizes} sizes`, value: Math.round(firstSeconds), unit: 's', how },
      { name: 'catalogue: Centra requests, full sync', value: first.progress.centraRequests, unit: 'requests', how: `${first.progress.pages} pages` },
      { name: 'catalogue: records pushed, full sync', value: first.progress.pushed, unit: 'records', how: `state ${first.progress.state}` },
      {
        name: 'catalogue: skipped as unchanged, second sync',
        value: Math.round((second.progress.skippedUnchanged / Math.max(second.progress.records, 1)) * 1000) / 10,
        unit: '%',
        goal: '100',
        how: `${second.progress.pushed} records pushed again`,
      },
      {
        name: 'catalogue: peak RSS during the full sync',
        value: Math.round(first.peakRss / 1_048_576),
        unit: 'MiB',
        goal: '≤ 150',
        how: 'VmRSS of the `sync products` process, sampled every 100 ms',
      },
    ];
  } finally {
    await Promise.all([centra.close(), ometria.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function syncProducts(env: Record<string, string>): Promise<{ progress: CatalogueProgress; peakRss: number }> {
  const run = await runChild(join(packageRoot(), 'dist/bin/centra-ometria.js'), ['sync', 'products', '--json'], env);
  // --json prints the progress last, indented; warnings before it are single JSON lines.
  const start = run.stdout.lastIndexOf('{\n');
  if (run.code !== 0 || start < 0) throw new Error(`catalogue bench: sync products exited ${run.code}: ${run.stderr || run.stdout.slice(-500)}`);
  return { progress: JSON.parse(run.stdout.slice(start)) as CatalogueProgress, peakRss: run.peakRss };
}
