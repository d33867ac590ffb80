import type { SimAddress, SimDate, SimMoney, SimRef, SimStoreType } from './common.js';

/** A completed order is SHIPPED in Centra's GraphQL (the back office says Completed). */
export type SimOrderStatus = 'PENDING' | 'CONFIRMED' | 'PROCESSING' | 'SHIPPED' | 'ARCHIVED' | 'CANCELLED';

/**
 * Relations (product, customer, market…) are stored as refs carrying at least `id`. When the
 * simulator holds an entity with that id it answers with the entity, else with the ref as stored,
 * so a test may embed a snapshot without seeding a catalogue.
 */
export interface SimOrderLine {
  id: number;
  product?: (SimRef & { productNumber?: string | null; name?: string | null }) | null;
  productVariant?: (SimRef & { variantNumber?: string | null; name?: string | null }) | null;
  productSize?: {
    id?: number;
    SKU?: string | null;
    sizeNumber?: string | null;
    description?: string | null;
    EAN?: string | null;
  } | null;
  productName?: string | null;
  productVariantName?: string | null;
  brand?: (SimRef & { name?: string | null }) | null;
  display?: SimRef | null;
  /** Taken as excluding cancelledQuantity [INF]. */
  quantity: number;
  cancelledQuantity: number;
  /** Left out, counted from the order's completed returns; stored, it wins (tests of odd data). */
  returnedQuantity?: number | null;
  /** Left out, counted from the order's shipped shipments. */
  shippedQuantity?: number | null;
  unitOriginalPrice: SimMoney;
  unitPrice: SimMoney;
  /** Including tax; `lineValue(includingTax: false)` derives the net value from taxPercent. */
  lineValue: SimMoney;
  hasAnyDiscount: boolean;
  discountPercent: number;
  taxPercent: number;
  comment?: string | null;
}

export interface SimVoucher {
  id?: number | null;
  name?: string | null;
  code?: string | null;
  type?: string | null;
}

export interface SimAppliedDiscount {
  __typename: 'AppliedDiscount';
  /** Positive amount taken off the order [INF: Centra's sign is undocumented]. */
  value: SimMoney | null;
  date?: SimDate | null;
  discount?: SimVoucher | null;
}

export interface SimPaymentHistoryEntry {
  id: number;
  createdAt?: SimDate | null;
  status?: 'SUCCESS' | 'PENDING' | 'FAILED' | null;
  entryType?: 'CAPTURE' | 'CAPTURE_REQUEST' | 'CANCEL' | 'CANCEL_REQUEST' | 'AUTHORIZATION' | 'REFUND' | 'REFUND_REQUEST' | null;
  externalReference?: string | null;
  value?: SimMoney | null;
  paymentMethod?: string | null;
  paramsJSON?: string | null;
}

export interface SimOrderTotals {
  quantity?: number | null;
  shipping: SimMoney | null;
  handling: SimMoney | null;
  taxAdded: SimMoney | null;
  taxDeducted: SimMoney | null;
  taxIncluded: SimMoney | null;
}

interface SimOrderBase {
  /** 32-hex hash id; `number` is the key webhooks and the simulator's order table use. */
  id: string;
  number: number;
  status: SimOrderStatus;
  /** Held orders are hidden from `orders(...)`, `order(id)` and counters, as Centra hides them. */
  isOnHold: boolean;
  createdAt: SimDate;
  orderDate: SimDate;
  updatedAt: SimDate;
  store: SimRef & { type?: SimStoreType | null; name?: string | null };
  market?: (SimRef & { name?: string | null }) | null;
  pricelist?: (SimRef & { name?: string | null }) | null;
  language?: { id?: number | null; code?: string | null; name?: string | null } | null;
  currencyBaseRate?: number | null;
  grandTotal: SimMoney;
  totals: SimOrderTotals;
  discountsApplied: SimAppliedDiscount[];
  paymentMethod?: { id?: number | null; uri?: string | null; plugin?: string | null } | null;
  paymentHistory?: SimPaymentHistoryEntry[];
  lines: SimOrderLine[];
  shippingAddress?: SimAddress | null;
  billingAddress?: SimAddress | null;
  shippingPriceGroup?: { shippingOption: { id: number; name?: string | null; uri?: string | null } | null } | null;
  internalComment?: string | null;
  userIP?: string | null;
}

export interface SimDtcOrder extends SimOrderBase {
  __typename: 'DirectToConsumerOrder';
  customer?: (SimRef & { email?: string | null; firstName?: string | null; lastName?: string | null }) | null;
}

export interface SimWholesaleOrder extends SimOrderBase {
  __typename: 'WholesaleOrder';
  account?: (SimRef & { name?: string | null }) | null;
  buyer?: (SimRef & { email?: string | null; firstName?: string | null; lastName?: string | null }) | null;
  purchaseOrderNumber?: string | null;
}

export type SimOrder = SimDtcOrder | SimWholesaleOrder;
