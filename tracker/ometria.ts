/**
 * Drives Ometria's own web tag (`window.ometria`; docs/tracker.md, "Ometria's web tag") when the page loads it:
 * one `init(pageType, pageData, storeId)` per page (and per SPA navigation), `identify(email)`,
 * `setBasket(ometria.Basket)` with the restore URL on every basket snapshot, `trackAddToBasket`,
 * and `trackTransaction` on order completion. Every call is guarded: a missing or throwing tag changes nothing.
 *
 * Page type: the first typed call on a page decides it (productView → product, collectionView → listing,
 * checkout → checkout, orderComplete → confirmation). A basket snapshot alone types the page `basket` only if no
 * typed call follows within BASKET_PAGE_MS, since storefronts also send the basket on other pages (mini-cart).
 */
import type { TrackerEvent } from '../shared/tracker-event-types.js';

export const BASKET_PAGE_MS = 500;

/** The part of Ometria's tag we use. */
export interface OmetriaBasket {
  setId(id: string): void;
  setTotal(total: number, currency: string): void;
  addLineItem(productId: string, quantity: number, lineTotal: number, variantId?: string): void;
  setUrl(url: string): void;
}
export interface OmetriaTag {
  init(pageType: string, pageData: object, storeId?: string): void;
  identify(email: string): void;
  setBasket(basket: OmetriaBasket): void;
  trackAddToBasket(productId: string, quantity: number): void;
  trackTransaction(orderId: string): void;
  Basket: new () => OmetriaBasket;
}

/** Returns [bridge(event), newPage()]. */
export const ometriaBridge = (store: string): [(e: TrackerEvent) => void, () => void] => {
  /** true once the tag has its init for this page; before that, the timer of a pending basket-page init. */
  let page: ReturnType<typeof setTimeout> | true | undefined;

  const om = (f: (o: OmetriaTag) => void) => {
    try {
      const o = (window as unknown as { ometria?: OmetriaTag }).ometria;
      o && f(o);
    } catch {
      // the tag is not ours: never let it break the page or the tracker
    }
  };
  const init = (type: string, data?: object) => {
    if (page !== true) {
      clearTimeout(page);
      page = true;
      om((o) => o.init(type, data || {}, store));
    }
  };

  /** Ometria's product id: the style-colour key when the page gave one, else the SKU. */
  const pid = (x: { sku: string; productSku?: string }) => x.productSku || x.sku;

  return [
    ({ type: t, data: d }) => {
      if (t == 'product_view') init('product', { pid: pid(d) });
      if (t == 'collection_view') init('listing', { attributes: [{ id: d.collectionId, type: 'collection' }] });
      if (t == 'checkout') init('checkout');
      if (t == 'order_complete') {
        init('confirmation');
        om((o) => o.trackTransaction(d.orderNumber));
      }
      if (t == 'identify' && d.email) om((o) => o.identify(d.email!));
      if (t == 'add_to_basket') om((o) => o.trackAddToBasket(pid(d), d.quantity));
      if (t == 'basket') {
        om((o) => {
          const x = new o.Basket();
          x.setId(d.id);
          x.setTotal(d.total, d.currency);
          // line totals rounded to the cent: no float noise (0.1 × 3)
          for (const l of d.lines) x.addLineItem(pid(l), l.quantity, Math.round(l.unitPrice * l.quantity * 100) / 100, l.sku);
          x.setUrl(d.url);
          o.setBasket(x);
        });
        page ||= setTimeout(() => init('basket'), BASKET_PAGE_MS);
      }
    },
    () => {
      page !== true && clearTimeout(page);
      page = undefined;
    },
  ];
};
