/**
 * Public method → wire event data (shared/tracker-event-types.ts). Every id goes through the shared/ids helpers, so
 * the storefront's ids match the ones the companion sends to Ometria. A builder returns nothing (Ignored) when a
 * required field is missing or invalid: the call is then ignored (debug mode says which fields the method needs).
 */
import { collectionAttributeId, normaliseIdPart } from '../shared/ids/index.js';
import type {
  BasketChangeData,
  BasketData,
  BasketLine,
  CollectionViewData,
  IdentifyData,
  OrderCompleteData,
  ProductViewData,
  TrackerEventDataMap,
} from '../shared/tracker-event-types.js';
import type { MethodName } from './types.js';
import { cur, list, num, qty, str } from './coerce.js';

type In = Record<string, unknown>;
/** What `value && {…}` gives for a missing value: undefined, as coerced values are never '' (which TypeScript cannot know). */
type Ignored = undefined | '';

/** Any id: size SKU (variantKey is normaliseIdPart), style-colour key, selection id, order number, customer id. */
const id = (v: unknown): string | undefined => str(v) && str(normaliseIdPart(v as string));

const product = (x: In): BasketChangeData | Ignored => {
  const s = id(x.sku);
  return s && { sku: s, productSku: id(x.productSku), quantity: qty(x.quantity, 1) };
};

const line = (x: unknown): BasketLine | Ignored => {
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

/**
 * What parseAttributeId reads as a collection attribute id, for an id that is already trimmed. A test holds the two
 * to agreement; parseAttributeId itself would add its kind list and parser to the bundle.
 */
const COLLECTION_ID = /^collection\s*:\s*\S/;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** productView → product_view (its wire event type, with '_') or product-view (its DOM event, with '-'). */
export const separateWords = (method: string, sep: string): string => method.replace(/[A-Z]/g, (c) => sep + c.toLowerCase());

/** separateWords(method, '_') at the type level: the wire event type of a method. */
type WireType<S extends string> = S extends `${infer C}${infer Rest}` ? `${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}${WireType<Rest>}` : S;

/** Per method: [builder, what the call needs (for debug mode)]. */
export const BUILDERS: {
  [M in Exclude<MethodName, 'consent'>]: [build: (x: In) => TrackerEventDataMap[WireType<M>] | Ignored, needs: string];
} = {
  productView: [
    (x): ProductViewData | Ignored => {
      const s = id(x.sku);
      return s && { sku: s, productSku: id(x.productSku), name: str(x.name), price: num(x.price), currency: cur(x.currency) };
    },
    'sku',
  ],
  collectionView: [
    (x): CollectionViewData | Ignored => {
      const c = id(x.collectionId);
      return (
        c && {
          // str() keeps the 512-character cap; "collection:" + c is never empty
          collectionId: COLLECTION_ID.test(c) ? c : str(collectionAttributeId(c))!,
          name: str(x.name),
          skus: Array.isArray(x.skus) ? (list(x.skus).map(id).filter(Boolean) as string[]) : undefined,
        }
      );
    },
    'collectionId',
  ],
  basket: [
    (x): BasketData | Ignored => {
      const selection = id(x.id);
      const currency = cur(x.currency);
      const lines = list(x.lines).map(line).filter(Boolean) as BasketLine[];
      return (
        selection &&
        currency && {
          id: selection,
          currency,
          total: num(x.total) ?? lines.reduce((t, l) => t + l.unitPrice * l.quantity, 0),
          url: str(x.url) || '',
          lines,
        }
      );
    },
    'id, currency',
  ],
  addToBasket: [product, 'sku'],
  removeFromBasket: [product, 'sku'],
  identify: [
    (x): IdentifyData | Ignored => {
      const e = str(x.email);
      const email = e && EMAIL.test(e) ? e : undefined;
      const customerId = id(x.customerId);
      // the token is passed through untouched: only the server can check it (docs/tracker.md, identify)
      return (email || customerId) && { email, customerId, token: str(x.token) };
    },
    'email or customerId',
  ],
  checkout: [() => ({}), ''],
  orderComplete: [
    (x): OrderCompleteData | Ignored => {
      const orderNumber = id(x.orderNumber);
      return orderNumber && { orderNumber };
    },
    'orderNumber',
  ],
};
