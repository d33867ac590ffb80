import type { OmetriaProduct } from '../../ometria/ometria-records.js';
import type { CustomAttributeRule, OmetriaAttribute } from '../common/custom-attributes.js';

/** One Ometria store's view of the catalogue: a Centra market for visibility and a pricelist for prices. */
export interface ListingStore {
  /** Ometria store id (≤ 32 characters): the same value orders carry in `store` (docs/design.md D21). */
  store: string;
  /** Centra market whose displays decide whether the product is on sale in this store. */
  marketId: number;
  pricelistId: number;
  /** The pricelist's currency, from Centra's set-up data. */
  currency: string;
  /** Storefront base URL; a display's uri is appended to it. */
  baseUrl: string;
}

export interface ProductMappingContext {
  /** At least one. The first is the primary store: its price and URL are the parent record's own. */
  stores: readonly ListingStore[];
  customAttributes: readonly CustomAttributeRule[];
}

/** Two Centra objects that give one Ometria product id (docs/design.md D2): the first keeps it, the rest are left out. */
export interface KeyCollision {
  id: string;
  /** Centra objects, first (kept) first, e.g. `product 3 variant 12`. */
  owners: string[];
}

/** A style-colour that cannot be sent, and why (in words for ecommerce). */
export interface SkippedVariant {
  productId: number;
  variantId: number;
  reason: string;
}

export interface ProductMapping {
  /** Per style-colour: the parent, then one record per size. */
  records: OmetriaProduct[];
  /** Every record id → the Centra object it comes from, to find collisions across products. */
  owners: Record<string, string>;
  collisions: KeyCollision[];
  skipped: SkippedVariant[];
}

export type { OmetriaAttribute };
export type OmetriaListing = NonNullable<OmetriaProduct['listings']>[number];
