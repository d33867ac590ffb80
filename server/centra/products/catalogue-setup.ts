import { z } from 'zod';
import type { CentraClient } from '../centra-client.js';
import type { ListingStore } from '../../mapping/product/product-mapping-context.js';
import type { CatalogueConfig } from '../../config/catalogue-config.js';
import { CATALOGUE_SETUP_QUERY } from './change-queries.js';

const SetupSchema = z.object({
  markets: z.array(z.object({ id: z.number().int(), name: z.string().nullish() })),
  pricelists: z.array(z.object({ id: z.number().int(), name: z.string().nullish(), currency: z.object({ code: z.string() }).nullish() })),
});

export type CatalogueSetup = z.infer<typeof SetupSchema>;

/** The catalogue config names a market or pricelist Centra does not have: developers fix config, not data. */
export class CatalogueConfigError extends Error {
  override readonly name = 'CatalogueConfigError';
}

/** One request; throws RemoteError on transport failures, CatalogueConfigError on an unreadable answer. */
export async function fetchCatalogueSetup(client: CentraClient): Promise<CatalogueSetup> {
  const res = await client.request<unknown>(CATALOGUE_SETUP_QUERY);
  const parsed = SetupSchema.safeParse(res.data);
  if (!parsed.success) {
    throw new CatalogueConfigError(`Centra set-up data (markets, pricelists) unreadable: ${res.errors[0]?.message ?? parsed.error.issues[0]?.message}`);
  }
  return parsed.data;
}

/** Config stores with their pricelist currency; every market and pricelist must exist in Centra. */
export function resolveListingStores(config: CatalogueConfig, setup: CatalogueSetup): ListingStore[] {
  if (config.stores.length === 0) throw new CatalogueConfigError('the catalogue config lists no Ometria store');
  return config.stores.map((s) => {
    const pricelist = setup.pricelists.find((p) => p.id === s.pricelistId);
    const code = pricelist?.currency?.code;
    if (!code) throw new CatalogueConfigError(`Ometria store ${s.store}: Centra has no pricelist ${s.pricelistId} with a currency`);
    if (!setup.markets.some((m) => m.id === s.marketId)) throw new CatalogueConfigError(`Ometria store ${s.store}: Centra has no market ${s.marketId}`);
    return { store: s.store, marketId: s.marketId, pricelistId: s.pricelistId, currency: code, baseUrl: s.baseUrl };
  });
}
