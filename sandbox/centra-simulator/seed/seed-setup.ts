import { COUNTRIES } from '../build/countries.js';
import type { SimData } from '../data/sim-data.js';
import { currency } from '../money.js';

/** Market, store and pricelist ids the seeds use (docs/design.md D21 maps market ids to Ometria stores). */
export const SEED_IDS = {
  dtcStore: 1,
  wholesaleStore: 2,
  ukMarket: 1,
  seMarket: 2,
  gbpPricelist: 1,
  sekPricelist: 2,
} as const;

/** Two markets (1 'UK' in GBP, 2 'SE' in SEK) on one DTC store, plus a wholesale store. */
export function seedSetup(data: SimData): void {
  data.stores.add({ id: SEED_IDS.dtcStore, name: 'Retail', type: 'DIRECT_TO_CONSUMER' }, { id: SEED_IDS.wholesaleStore, name: 'Wholesale', type: 'WHOLESALE' });
  data.markets.add(
    { id: SEED_IDS.ukMarket, name: 'UK', store: { id: 1 }, assignedToCountries: [COUNTRIES.GB] },
    { id: SEED_IDS.seMarket, name: 'SE', store: { id: 1 }, assignedToCountries: [COUNTRIES.SE] },
  );
  data.pricelists.add(
    { id: SEED_IDS.gbpPricelist, name: 'GBP', status: 'ACTIVE', currency: currency('GBP'), assignedToCountries: [COUNTRIES.GB], store: { id: 1 } },
    { id: SEED_IDS.sekPricelist, name: 'SEK', status: 'ACTIVE', currency: currency('SEK'), assignedToCountries: [COUNTRIES.SE], store: { id: 1 } },
  );
  data.brands.add({ id: 1, name: 'Nordvik' }, { id: 2, name: 'Ashgrove' }, { id: 3, name: 'Tallmark' });
  data.collections.add(
    { id: 1, name: 'SS24', status: 'ACTIVE' },
    { id: 2, name: 'AW24', status: 'ACTIVE' },
    { id: 3, name: 'SS25', status: 'ACTIVE' },
    { id: 4, name: 'Essentials', status: 'ACTIVE' },
  );
  const cat = (id: number, name: string, uri: string, top: boolean, children: number[], parent?: number) => ({
    id,
    name,
    uri,
    isTopCategory: top,
    childCategories: children.map((c) => ({ id: c })),
    parentCategory: parent ? { id: parent } : null,
    store: { id: 1 },
  });
  data.categories.add(
    cat(1, 'Women', 'women', true, [4, 5]),
    cat(2, 'Men', 'men', true, [6, 7]),
    cat(3, 'Accessories', 'accessories', true, []),
    cat(4, 'Tops', 'women/tops', false, [], 1),
    cat(5, 'Trousers', 'women/trousers', false, [], 1),
    cat(6, 'Tops', 'men/tops', false, [], 2),
    cat(7, 'Trousers', 'men/trousers', false, [], 2),
  );
}
