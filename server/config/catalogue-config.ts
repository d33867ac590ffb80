import type { CustomAttributeRule } from '../mapping/common/custom-attributes.js';

/** One Ometria store the catalogue is listed in. */
export interface CatalogueStoreConfig {
  /** Ometria store id (≤ 32 characters), as in OMETRIA_STORE_MAP, so listings match orders and the tag. */
  store: string;
  /** Centra market whose displays decide visibility in this store. */
  marketId: number;
  /** Centra pricelist whose prices this store shows; its currency is read from Centra. */
  pricelistId: number;
  /** Storefront base URL, e.g. https://example.com/uk/product; a display's uri is appended. */
  baseUrl: string;
}

/** What the catalogue sync needs beyond SyncContext; the lead maps environment variables onto it. */
export interface CatalogueConfig {
  /** At least one; the first is primary (the parent record's own price and URL). */
  stores: CatalogueStoreConfig[];
  customAttributes?: CustomAttributeRule[];
  /** Products per Integration API page (default 50; Centra advises 20–100, docs/design.md C6). */
  pageSize?: number;
  /** Products fetched by id per request for webhook jobs (default 50, docs/design.md D12). */
  batchSize?: number;
  /**
   * Incremental polls re-read this long before the watermark, ms (default 10 minutes): our clock and Centra's
   * differ, and a write may commit after we read. Re-read products cost a request, not a push (ledger hash).
   */
  overlapMs?: number;
  /** How long set-up data (pricelist currencies) is reused by webhook jobs, ms (default 10 minutes). */
  setupTtlMs?: number;
}

export const CATALOGUE_DEFAULTS = { pageSize: 50, batchSize: 50, overlapMs: 10 * 60_000, setupTtlMs: 10 * 60_000 } as const;

/** Config with defaults filled in. */
export function catalogueSettings(config: CatalogueConfig) {
  return {
    pageSize: Math.min(100, Math.max(1, config.pageSize ?? CATALOGUE_DEFAULTS.pageSize)),
    batchSize: Math.min(100, Math.max(1, config.batchSize ?? CATALOGUE_DEFAULTS.batchSize)),
    overlapMs: config.overlapMs ?? CATALOGUE_DEFAULTS.overlapMs,
    setupTtlMs: config.setupTtlMs ?? CATALOGUE_DEFAULTS.setupTtlMs,
    customAttributes: config.customAttributes ?? [],
  };
}
