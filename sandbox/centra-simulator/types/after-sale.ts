import type { SimAddress, SimDate, SimMoney, SimRef } from './common.js';
import type { SimAppliedDiscount, SimPaymentHistoryEntry } from './order.js';

/** An order reference: the number is enough; the hash id is accepted too. */
export type SimOrderRef = { number: number; id?: string } | { id: string; number?: number };

export interface SimShipmentLine {
  id: number;
  quantity: number;
  lineValue?: SimMoney | null;
  /** Resolved against the shipment's order lines. */
  orderLine?: SimRef | null;
}

export interface SimShipment {
  __typename: 'DirectToConsumerShipment' | 'WholesaleShipment';
  id: number;
  /** `<order number>-<n>` */
  number: string;
  order: SimOrderRef;
  createdAt: SimDate;
  updatedAt: SimDate;
  isGoodToGo: boolean;
  isPaid: boolean;
  paidAt?: SimDate | null;
  isCaptured?: boolean | null;
  capturedAt?: SimDate | null;
  isShipped: boolean;
  shippedAt?: SimDate | null;
  additionalMessage?: string | null;
  numberOfPackages?: number | null;
  trackingNumber?: string | null;
  returnTrackingNumber?: string | null;
  carrierInformation?: { carrierName?: string | null; serviceName?: string | null } | null;
  internalShippingCost?: SimMoney | null;
  grandTotal?: SimMoney | null;
  discountsApplied?: SimAppliedDiscount[];
  lines: SimShipmentLine[];
  shippingAddress?: SimAddress | null;
  store?: SimRef | null;
  customer?: SimRef | null;
}

export interface SimReturnLine {
  id: number;
  quantity?: number | null;
  shipmentLine?: SimRef | null;
  orderLine?: SimRef | null;
}

export interface SimReturn {
  __typename: 'DirectToConsumerReturn' | 'WholesaleReturn';
  id: number;
  status: 'PENDING' | 'COMPLETED';
  returnStatus?: 'PENDING' | 'COMPLETED' | null;
  createdAt: SimDate;
  updatedAt: SimDate;
  returnedToStock?: boolean | null;
  comment?: string | null;
  store?: SimRef | null;
  order: SimOrderRef;
  shipment?: SimRef | null;
  lines: SimReturnLine[];
  grandTotal?: SimMoney | null;
  totals?: {
    shipping?: SimMoney | null;
    handling?: SimMoney | null;
    returnCost?: SimMoney | null;
    discounts?: SimMoney | null;
  } | null;
  /** Left out, derived: one REFUND entry once the return is COMPLETED (graphql/refund-history.ts). */
  refundPaymentHistory?: SimPaymentHistoryEntry[];
  customer?: SimRef | null;
}
