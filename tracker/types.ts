/**
 * Public API of the storefront tracker (`window.centraOmetria`; documented in docs/tracker.md).
 * Inputs are lenient (ids may be numbers, amounts may be numeric strings); the tracker normalises them to the
 * wire format of shared/tracker-event-types.ts and ignores a call that lacks a required field.
 */

export type Id = string | number;
export type Amount = number | string;

export interface ProductViewInput {
  /** Style-colour key or full size SKU, as the page has it. */
  sku: Id;
  /** Style-colour key, when `sku` is a size SKU. Used as the Ometria product id (pid). */
  productSku?: Id;
  name?: string;
  price?: Amount;
  currency?: string;
}

export interface CollectionViewInput {
  /** Centra collection id (or an already built `collection:<id>`). */
  collectionId: Id;
  name?: string;
  skus?: Id[];
}

export interface BasketLineInput {
  /** Full size SKU. */
  sku: Id;
  /** Style-colour key (Ometria product id). */
  productSku?: Id;
  quantity: Amount;
  unitPrice: Amount;
  name?: string;
  url?: string;
  imageUrl?: string;
}

export interface BasketInput {
  /** Centra selection id. */
  id: Id;
  currency: string;
  /** Defaults to Σ unitPrice × quantity. */
  total?: Amount;
  lines: BasketLineInput[];
  /** Basket restore URL for abandoned-basket emails. */
  url?: string;
}

export interface BasketChangeInput {
  sku: Id;
  productSku?: Id;
  /** Defaults to 1. */
  quantity?: Amount;
}

export interface IdentifyInput {
  email?: string;
  customerId?: Id;
  /** Minted by the storefront's backend for this email (docs/tracker.md, identify); required by most companions. */
  token?: string;
}

export interface OrderCompleteInput {
  orderNumber: Id;
}

export interface TrackerMethods {
  productView(input: ProductViewInput): void;
  collectionView(input: CollectionViewInput): void;
  /** Full snapshot: the latest wins. */
  basket(input: BasketInput): void;
  addToBasket(input: BasketChangeInput): void;
  removeFromBasket(input: BasketChangeInput): void;
  identify(input: IdentifyInput): void;
  checkout(): void;
  orderComplete(input: OrderCompleteInput): void;
  /** `true` (or 'true') releases held events; anything else withdraws consent and clears what is stored. */
  consent(granted: boolean): void;
}

export type MethodName = keyof TrackerMethods;

/** `centraOmetria('productView', {...})` and `centraOmetria.productView({...})` both work. */
export interface CentraOmetria extends TrackerMethods {
  <M extends MethodName>(method: M, ...args: Parameters<TrackerMethods[M]>): void;
  (method: string, ...args: unknown[]): void;
  /** Loaded marker (the snippet's stub has none). */
  l: 1;
  /** Calls pushed here (by a stub kept from before load) are run at once. */
  q: { push(args: ArrayLike<unknown>): unknown };
  /** Removes the tracker's listeners and timers (tests, SPA teardown). */
  destroy(): void;
}

export interface TrackerConfig {
  /** `/collect` URL. Without it nothing is queued or sent (the Ometria tag is still driven). */
  endpoint?: string | undefined;
  /** Ometria store id (`data-store`). */
  store: string;
  /** `data-require-consent="true"`: nothing is sent or stored before `consent(true)`. */
  requireConsent?: boolean | undefined;
  /** `data-debug`: logs each event and each rejection, with the reason, to the console (docs/tracker.md, debug). */
  debug?: boolean | undefined;
}
