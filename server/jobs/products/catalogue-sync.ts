import { createKeyClaims } from '../../mapping/product/key-claims.js';
import type { ProductMappingContext } from '../../mapping/product/product-mapping-context.js';
import { RemoteError } from '../../remote/remote-errors.js';
import type { Store } from '../../store/store.js';
import type { SyncContext } from '../sync-context.js';
import { catalogueSettings, type CatalogueConfig } from '../../config/catalogue-config.js';
import { emptyProgress, setCounts, PROGRESS_KEY, WATERMARK_KEY, type CatalogueProgress } from './catalogue-progress.js';
import { fetchCatalogueSetup, resolveListingStores } from '../../centra/products/catalogue-setup.js';
import type { CentraProduct } from '../../centra/products/centra-product.js';
import { centraTime } from '../../centra/centra-time.js';
import { productsOfChangedDisplays } from '../../centra/products/changed-products.js';
import { fetchProductPage, fetchProductsById, type UnreadableProduct } from '../../centra/products/fetch-products.js';
import { createProductPusher, type ProductPusher } from './push-products.js';
import { fetchRecentProductPage } from '../../centra/products/recent-products.js';
import { alertFingerprint, catalogueAlert } from '../../alerts/alert-catalogue.js';

export interface CatalogueSyncOptions {
  /** full: every ACTIVE/INACTIVE product. incremental: changed since the watermark (a first run is full). */
  mode: 'full' | 'incremental';
  /** Called after every page with a copy of the progress (also stored under `catalogue:progress`). */
  onProgress?: (progress: CatalogueProgress) => void;
}

const running = new WeakSet<Store>();

/**
 * One catalogue pass: pages through Centra's products, maps them, pushes only what changed (ledger hash).
 * Full runs page every product by id. Incremental runs walk products newest-updated first from page 1 down to
 * the watermark (Centra cannot filter products by updatedAt), then refetch products whose displays changed
 * (`displays(where: {updatedAt})`), since a display switched off leaves the product's updatedAt alone [INF].
 * The watermark moves to this run's start only when the run succeeds.
 * Never throws for Centra or Ometria trouble: the returned progress says `failed`, and the next run retries.
 */
export async function runCatalogueSync(ctx: SyncContext, config: CatalogueConfig, options: CatalogueSyncOptions): Promise<CatalogueProgress> {
  const startedAt = ctx.now();
  if (running.has(ctx.store)) {
    ctx.logger.info('catalogue sync already running; this run is skipped');
    return (await ctx.store.kv.get<CatalogueProgress>(PROGRESS_KEY)) ?? emptyProgress(options.mode, startedAt);
  }
  running.add(ctx.store);
  try {
    return await syncCatalogue(ctx, config, options, startedAt);
  } finally {
    running.delete(ctx.store);
  }
}

async function syncCatalogue(ctx: SyncContext, config: CatalogueConfig, options: CatalogueSyncOptions, startedAt: number): Promise<CatalogueProgress> {
  const settings = catalogueSettings(config);
  const watermark = await ctx.store.kv.get<number>(WATERMARK_KEY);
  const mode = options.mode === 'incremental' && watermark !== undefined ? 'incremental' : 'full';
  // Why the next watermark is this run's start, re-read with `overlapMs` of overlap: a product updated while the
  // walk pages jumps to page 1, which is already read, and pushes the unread ones down a row (seen twice:
  // `seen` skips the repeat). That product itself is missed by this walk, but its updatedAt is after our start,
  // so the next run reads it. The overlap covers the gap between our clock and Centra's and writes that commit
  // after we read. Re-read products cost a page row, not a push (ledger hash).
  const sinceMs = mode === 'incremental' ? watermark! - settings.overlapMs : undefined;
  const since = sinceMs === undefined ? undefined : centraTime(sinceMs);
  const progress = emptyProgress(mode, startedAt, since);
  const report = async () => {
    await ctx.store.kv.set(PROGRESS_KEY, progress);
    options.onProgress?.({ ...progress });
  };
  await report();
  try {
    const setup = await fetchCatalogueSetup(ctx.centra);
    progress.centraRequests++;
    const mapping: ProductMappingContext = { stores: resolveListingStores(config, setup), customAttributes: settings.customAttributes };
    // One pusher for the run: its claims give each Ometria id one owner across every page, and its buffer fills
    // 100-record calls across products and pages.
    const run: Run = { ctx, pusher: createProductPusher(ctx, mapping, createKeyClaims()), progress, seen: new Set<number>() };
    // Without the updatedAt sort (docs/centra-setup.md) an incremental run reads changed displays only.
    const walk = sinceMs === undefined || (await ctx.centra.canSend('RecentProducts'));
    for (let page = 1; walk; page++) {
      const res =
        sinceMs === undefined
          ? { ...(await fetchProductPage(ctx.centra, page, settings.pageSize)), passedWatermark: false }
          : await fetchRecentProductPage(ctx.centra, page, settings.pageSize, sinceMs);
      progress.centraRequests++;
      const fresh = res.products.filter((p) => !run.seen.has(p.id));
      // The pusher empties `fresh` as it maps; with no other reference to the page, each product dies once mapped.
      res.products = [];
      await handleProducts(run, fresh, res.unreadable);
      progress.pages++;
      ctx.logger.debug({ catalogue: { ...progress } }, `catalogue ${mode} sync: page ${page}`);
      await report();
      if (res.passedWatermark || res.rows < settings.pageSize) break;
    }
    if (since !== undefined && (await ctx.centra.canSend('ChangedDisplays'))) {
      const changed = await productsOfChangedDisplays(ctx.centra, since);
      progress.centraRequests += changed.requests;
      const ids = changed.ids.filter((id) => !run.seen.has(id));
      for (let i = 0; i < ids.length; i += settings.batchSize) await refetch(run, ids.slice(i, i + settings.batchSize));
      await report();
    }
    await run.pusher.flush();
    setCounts(progress, run.pusher.counts());
    await ctx.store.kv.set(WATERMARK_KEY, startedAt);
    progress.state = 'done';
    await ctx.alerter.resolve(alertFingerprint('catalogue_sync_failed'));
  } catch (error) {
    progress.state = 'failed';
    progress.error = (error as Error).message;
    if (error instanceof RemoteError && error.outcome.kind !== 'unusable')
      ctx.logger.warn({ outcome: error.outcome.kind }, `catalogue sync stopped: ${error.message}; the next run retries`);
    else {
      ctx.logger.error({ err: error }, 'catalogue sync failed');
      await ctx.alerter.raise(catalogueAlert('catalogue_sync_failed', { error: error as Error }));
    }
  }
  progress.finishedAt = ctx.now();
  await report();
  ctx.logger.info(
    { catalogue: progress },
    `catalogue ${mode} sync ${progress.state}: ${progress.products} products, ${progress.pushed} records pushed, ${progress.skippedUnchanged} unchanged`,
  );
  return progress;
}

interface Run {
  ctx: SyncContext;
  pusher: ProductPusher;
  progress: CatalogueProgress;
  seen: Set<number>;
}

async function handleProducts(run: Run, products: CentraProduct[], unreadable: UnreadableProduct[]): Promise<void> {
  for (const u of unreadable) await run.ctx.alerter.raise(catalogueAlert('catalogue_unreadable', u));
  run.progress.unreadable += unreadable.length;
  run.progress.products += products.length;
  for (const p of products) run.seen.add(p.id);
  if (products.length > 0) await run.pusher.add(products);
  setCounts(run.progress, run.pusher.counts());
}

async function refetch(run: Run, ids: number[]): Promise<void> {
  const fetched = await fetchProductsById(run.ctx.centra, ids);
  run.progress.centraRequests++;
  const products: CentraProduct[] = [];
  const unreadable: UnreadableProduct[] = [];
  for (const [id, f] of fetched) {
    if (f.status === 'found') products.push(f.product);
    else if (f.status === 'unreadable') unreadable.push({ id, message: f.message });
    else if (f.status === 'error') throw new Error(`Centra failed product ${id}: ${f.message}`);
  }
  await handleProducts(run, products, unreadable);
}
