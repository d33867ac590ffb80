/**
 * Wire format of the storefront tracker (`tracker/`) → companion `POST /collect` (issue 6, docs/design.md D28–D31).
 *
 * Types only, zod-free: the tracker imports this file with `import type`, so nothing here reaches the bundle.
 * The matching zod schema (with the size caps) is `shared/schemas/tracker-events.ts`.
 *
 * The request is sent as `text/plain;charset=UTF-8` (a CORS "simple" request, no preflight) whose body is the
 * JSON of one {@link TrackerBatch}. Each request body is under 64 KB (the keepalive / sendBeacon quota).
 */

export type TrackerEventType =
  'product_view' | 'collection_view' | 'basket' | 'add_to_basket' | 'remove_from_basket' | 'identify' | 'checkout' | 'order_complete';

/** `sku` is what the page gave: a style-colour key (Ometria product id) or a full size SKU (variant id). */
export interface ProductViewData {
  sku: string;
  /** Style-colour key (docs/design.md D2) when the page has it. */
  productSku?: string;
  name?: string;
  price?: number;
  /** ISO-4217, upper case. */
  currency?: string;
}

export interface CollectionViewData {
  /** Ometria attribute id `collection:<Centra collection id>` (shared/ids collectionAttributeId). */
  collectionId: string;
  name?: string;
  skus?: string[];
}

export interface BasketLine {
  /** Full size SKU (Ometria variant id). */
  sku: string;
  /** Style-colour key (Ometria product id); the server fills it from the catalogue when missing. */
  productSku?: string;
  /** Non-negative integer. */
  quantity: number;
  unitPrice: number;
  name?: string;
  url?: string;
  imageUrl?: string;
}

/** A full basket snapshot: the latest one wins. */
export interface BasketData {
  /** Centra selection id. */
  id: string;
  currency: string;
  total: number;
  /** Basket restore URL (used in abandoned-basket emails); '' when the storefront gave none. */
  url: string;
  lines: BasketLine[];
}

export interface BasketChangeData {
  sku: string;
  productSku?: string;
  quantity: number;
}

/** At least one of the two. `customerId` is the Centra customer id, as a string. */
export interface IdentifyData {
  email?: string;
  customerId?: string;
  /**
   * `v1.<exp>.<hex HMAC>` minted by the storefront's backend for this email (issue 15.1; README, "Signed identity").
   * Checked and removed by /collect; never stored or forwarded.
   */
  token?: string;
}

export type CheckoutData = Record<string, never>;

export interface OrderCompleteData {
  /** Centra order number, as a string. */
  orderNumber: string;
}

export interface TrackerEventDataMap {
  product_view: ProductViewData;
  collection_view: CollectionViewData;
  basket: BasketData;
  add_to_basket: BasketChangeData;
  remove_from_basket: BasketChangeData;
  identify: IdentifyData;
  checkout: CheckoutData;
  order_complete: OrderCompleteData;
}

export type TrackerEventOf<K extends TrackerEventType> = {
  /** 32 lower-case hex characters: a UUID v4 without dashes, unique per event (deduplicate on it). */
  id: string;
  type: K;
  /** ISO-8601 UTC time the event happened in the browser. */
  at: string;
  /** Page URL (truncated to 512 characters). */
  url: string;
  data: TrackerEventDataMap[K];
};

export type TrackerEvent = { [K in TrackerEventType]: TrackerEventOf<K> }[TrackerEventType];

export interface TrackerBatch {
  v: 1;
  /** `data-store` of the script tag: the Ometria store id. */
  store: string;
  /** Random UUID kept in localStorage (no cookie), created only once sending is allowed. */
  visitorId: string;
  /** ISO-8601 UTC time the request was built. */
  sentAt: string;
  /** 1 to 50 events, oldest first. */
  events: TrackerEvent[];
}
