/**
 * Declarative capture and SPA navigation. A page marked with `data-ometria-product-sku` or `data-ometria-collection-id`
 * (plus `data-ometria-collection-name`) is a product or collection view without any script; each is captured once per
 * page. history.pushState / replaceState / popstate to a new path start a new page: capture runs again and the
 * Ometria tag gets a fresh init.
 */
import type { Guard } from './guard.js';

/** Declarative capture runs at most this often, ms. */
export const CAPTURE_MS = 50;

const ATTR = 'data-ometria-';
const PRODUCT = ATTR + 'product-sku';
const COLLECTION = ATTR + 'collection-id';

/** The tracker's productView and collectionView. */
interface Views {
  productView(x: object): void;
  collectionView(x: object): void;
}

/** Starts watching the page; returns stop(). */
export const capture = (views: Views, newPage: () => void, guard: Guard): (() => void) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let path = location.pathname;
  let seen: Record<string, 1> = {};

  const find = (attr: string) => document.querySelector(`[${attr}]`);
  const once = (k: string) => !seen[k] && (seen[k] = 1);

  const run = () => {
    timer = undefined;
    const p = find(PRODUCT)?.getAttribute(PRODUCT);
    const el = find(COLLECTION);
    const c = el?.getAttribute(COLLECTION);
    if (p && once('p' + p)) views.productView({ sku: p });
    if (c && once('c' + c)) views.collectionView({ collectionId: c, name: el!.getAttribute(ATTR + 'collection-name') });
  };
  const later = () => {
    timer ||= setTimeout(guard(run), CAPTURE_MS);
  };
  const nav = guard(() => {
    if (location.pathname != path) {
      path = location.pathname;
      seen = {};
      newPage();
    }
    later();
  });

  for (const k of ['pushState', 'replaceState'] as const) {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with apply(this)
    const orig = history[k];
    history[k] = function (this: History, ...a: Parameters<History['pushState']>) {
      const r = orig.apply(this, a);
      nav();
      return r;
    };
  }
  addEventListener('popstate', nav);
  document.addEventListener('DOMContentLoaded', nav);
  let mo: MutationObserver | undefined;
  try {
    mo = new MutationObserver(nav);
    // an attributeFilter implies attributes: true
    mo.observe(document.documentElement, { childList: true, subtree: true, attributeFilter: [PRODUCT, COLLECTION] });
  } catch {
    // no MutationObserver: capture runs on load and on navigation only
  }
  later();
  return () => {
    mo?.disconnect();
    clearTimeout(timer);
  };
};
