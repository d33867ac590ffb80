/**
 * Public method → wire event data (shared/tracker-event-types.ts). Every id goes through the shared/ids helpers, so
 * the storefront's ids match the ones the companion sends to Ometria. A builder returns undefined when a required
 * field is missing or invalid: the call is then ignored (debug mode says which fields the method needs).
 */
import { collectionAttributeId, normaliseIdPart, parseAttributeId, variantKey } from '../shared/ids/index.js';
import type {
  BasketChangeData,
  BasketData,
  BasketLine,
  CollectionViewData,
  IdentifyData,
  OrderCompleteData,
  ProductViewData,
  TrackerEventDataMap,
  TrackerEventType,
} from '../shared/tracker-event-types.js';
import type { MethodName } from './types.js';
import { cur, list, num, qty, str } from './coerce.js';

type In = Record<string, unknown>;

/** A size SKU / variant id. */
const sku = (v: unknown): string | undefined => str(v) && str(variantKey(v as string));
/** Any other id (style-colour key, selection id, order number, customer id). */
const key = (v: unknown): string | undefined => str(v) && str(normaliseIdPart(v as string));

const product = (x: In): BasketChangeData | undefined => {
  const s = sku(x.sku);
  return s ? { sku: s, productSku: key(x.productSku), quantity: qty(x.quantity, 1) } : undefined;
};

const line = (x: unknown): BasketLine | undefined => {
  const l = (x || {}) as In;
  const p = product(l);
  return (
    p && {
      ...p,
      quantity: qty(l.quantity, 0),
      unitPrice: num(l.unitPrice) ?? 0,
      name: str(l.name),
      url: str(l.url),
      imageUrl: str(l.imageUrl),
    }
  );
};

const collectionId = (v: unknown): string | undefined => {
  const c = key(v);
  return c && (parseAttributeId(c)?.kind == 'collection' ? c : str(collectionAttributeId(c)));
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** [wire event type, builder, what the call needs (for debug mode)]. */
type Builder<T extends TrackerEventType> = [T, (x: In) => TrackerEventDataMap[T] | undefined, string];

export const BUILDERS: { [M in Exclude<MethodName, 'consent'>]: Builder<TrackerEventType> } = {
  productView: [
    'product_view',
    (x): ProductViewData | undefined => {
      const s = sku(x.sku);
      return s ? { sku: s, productSku: key(x.productSku), name: str(x.name), price: num(x.price), currency: cur(x.currency) } : undefined;
    },
    'sku',
  ],
  collectionView: [
    'collection_view',
    (x): CollectionViewData | undefined => {
      const c = collectionId(x.collectionId);
      return c
        ? {
            collectionId: c,
            name: str(x.name),
            skus: Array.isArray(x.skus) ? (list(x.skus).map(sku).filter(Boolean) as string[]) : undefined,
          }
        : undefined;
    },
    'collectionId',
  ],
  basket: [
    'basket',
    (x): BasketData | undefined => {
      const id = key(x.id);
      const currency = cur(x.currency);
      const lines = list(x.lines).map(line).filter(Boolean) as BasketLine[];
      return id && currency
        ? {
            id,
            currency,
            total: num(x.total) ?? lines.reduce((t, l) => t + l.unitPrice * l.quantity, 0),
            url: str(x.url) || '',
            lines,
          }
        : undefined;
    },
    'id, currency',
  ],
  addToBasket: ['add_to_basket', product, 'sku'],
  removeFromBasket: ['remove_from_basket', product, 'sku'],
  identify: [
    'identify',
    (x): IdentifyData | undefined => {
      const e = str(x.email);
      const email = e && EMAIL.test(e) ? e : undefined;
      const customerId = key(x.customerId);
      // the token is passed through untouched: only the server can check it (docs/tracker.md, identify)
      return email || customerId ? { email, customerId, token: str(x.token) } : undefined;
    },
    'email or customerId',
  ],
  checkout: ['checkout', () => ({}), ''],
  orderComplete: [
    'order_complete',
    (x): OrderCompleteData | undefined => {
      const orderNumber = key(x.orderNumber);
      return orderNumber ? { orderNumber } : undefined;
    },
    'orderNumber',
  ],
};
