import type { CentraPrice, CentraProduct } from '../../centra/products/centra-product.js';
import { roundMoney } from '../common/money.js';

export interface PricePoint {
  currency: string;
  price: number;
  /** null, not absent, when not on sale: with `@merge` an absent field would keep an ended sale alive. */
  special_price: number | null;
}

/**
 * A style-colour's price in one pricelist. Centra prices variants, not sizes (docs/design.md C11), and shows them on
 * displays; a price row of the variant wins over a row without a variant [INF: such a row applies to every
 * variant of the display], an active display's row over an inactive one's, then the lowest display id.
 */
export function findPrice(product: CentraProduct, variantId: number, pricelistId: number): CentraPrice | undefined {
  const rows = product.displays
    .slice()
    .sort((a, b) => (a.status === 'ACTIVE' ? 0 : 1) - (b.status === 'ACTIVE' ? 0 : 1) || a.id - b.id)
    .flatMap((d) => d.prices)
    .filter((p) => p.price && p.pricelist?.id === pricelistId);
  return rows.find((p) => p.productVariant?.id === variantId) ?? rows.find((p) => !p.productVariant);
}

/**
 * [INF] How a sale shows in the Integration API: display prices carry no campaign price, so a variant is on sale
 * when its pricelist price is below its recommended retail price. Ometria then gets the RRP as `price` and the
 * selling price as `special_price`. Compared after rounding so float noise makes no sale. Change the rule here only.
 */
export function pricePoint(row: CentraPrice, fallbackCurrency: string): PricePoint | undefined {
  if (!row.price) return undefined;
  const currency = row.price.currency?.code ?? fallbackCurrency;
  const selling = roundMoney(row.price.value, currency);
  const rrp = row.recommendedRetailPrice ? roundMoney(row.recommendedRetailPrice.value, currency) : undefined;
  return rrp !== undefined && selling < rrp ? { currency, price: rrp, special_price: selling } : { currency, price: selling, special_price: null };
}
