import { z } from 'zod';

/**
 * A Centra order as selected by ORDER_FRAGMENTS (order-query.ts): the trust boundary for Integration API
 * order data. Nullable where the SDL is nullable; unknown extra fields are dropped.
 */
const amount = z.object({ value: z.number() });
const nullableAmount = amount.nullable().optional();
const code = z.object({ code: z.string().nullable().optional() }).nullable().optional();

export const CentraAddressSchema = z.object({
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  address1: z.string().nullish(),
  address2: z.string().nullish(),
  city: z.string().nullish(),
  zipCode: z.string().nullish(),
  stateOrProvince: z.string().nullish(),
  country: code,
  state: code,
  email: z.string().nullish(),
  phoneNumber: z.string().nullish(),
});

export const CentraOrderLineSchema = z.object({
  id: z.number().int(),
  product: z.object({ id: z.number().int(), productNumber: z.string().nullish(), name: z.string().nullish() }).nullish(),
  productVariant: z.object({ id: z.number().int(), variantNumber: z.string().nullish(), name: z.string().nullish() }).nullish(),
  productSize: z.object({ SKU: z.string().nullish(), sizeNumber: z.string().nullish(), description: z.string().nullish() }).nullish(),
  productName: z.string().nullish(),
  productVariantName: z.string().nullish(),
  quantity: z.number().int(),
  cancelledQuantity: z.number().int().nullish(),
  /** Centra's own count of returned units, where the live schema has it (docs/mapping.md, refunds). */
  returnedQuantity: z.number().int().nullish(),
  shippedQuantity: z.number().int().nullish(),
  unitOriginalPrice: nullableAmount,
  unitPrice: nullableAmount,
  lineValue: nullableAmount,
  taxPercent: z.number().nullish(),
});

export const CentraCustomerRefSchema = z.object({
  id: z.number().int(),
  email: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  phoneNumber: z.string().nullish(),
});

const lineRef = z.object({ id: z.number().int() }).nullish();

export const CentraShipmentSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
  isShipped: z.boolean(),
  shippedAt: z.string().nullish(),
  trackingNumber: z.string().nullish(),
  carrierInformation: z.object({ carrierName: z.string().nullish(), serviceName: z.string().nullish() }).nullish(),
  lines: z.array(z.object({ id: z.number().int(), quantity: z.number().int(), orderLine: lineRef })),
});

export const CentraReturnSchema = z.object({
  id: z.number().int(),
  /** Kept as data: centra-vocabulary.ts decides what a value means, an unknown one never rejects the order. */
  status: z.string().nullish(),
  /** The name third-party code reads instead of `status`; whichever the live schema has is selected. */
  returnStatus: z.string().nullish(),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
  lines: z.array(
    z.object({
      id: z.number().int(),
      quantity: z.number().int().nullish(),
      orderLine: lineRef,
      shipmentLine: z.object({ id: z.number().int(), orderLine: lineRef }).nullish(),
    }),
  ),
  refundPaymentHistory: z.array(z.object({ entryType: z.string().nullish(), status: z.string().nullish(), value: nullableAmount })).optional(),
});

export const CentraOrderSchema = z.object({
  /** Enum-like values are kept as strings: centra-vocabulary.ts maps them and reports the ones it does not know. */
  __typename: z.string(),
  id: z.string(),
  number: z.number().int(),
  status: z.string(),
  isOnHold: z.boolean(),
  createdAt: z.string().nullish(),
  orderDate: z.string().nullish(),
  updatedAt: z.string().nullish(),
  store: z.object({ id: z.number().int(), type: z.string().nullish() }),
  market: z.object({ id: z.number().int(), name: z.string().nullish() }).nullish(),
  grandTotal: z.object({ value: z.number(), currency: z.object({ code: z.string() }) }),
  totals: z.object({
    shipping: nullableAmount,
    handling: nullableAmount,
    taxAdded: nullableAmount,
    taxIncluded: nullableAmount,
  }),
  discountsApplied: z.array(
    z.object({
      value: nullableAmount,
      discount: z.object({ code: z.string().nullish(), name: z.string().nullish() }).nullish(),
    }),
  ),
  paymentMethod: z.object({ uri: z.string().nullish(), plugin: z.string().nullish() }).nullish(),
  shippingPriceGroup: z.object({ shippingOption: z.object({ uri: z.string().nullish(), name: z.string().nullish() }).nullish() }).nullish(),
  lines: z.array(CentraOrderLineSchema),
  shippingAddress: CentraAddressSchema.nullish(),
  billingAddress: CentraAddressSchema.nullish(),
  customer: CentraCustomerRefSchema.nullish(),
  shipments: z.array(CentraShipmentSchema).optional(),
  returns: z.array(CentraReturnSchema).optional(),
});

export type CentraOrder = z.infer<typeof CentraOrderSchema>;
export type CentraOrderLine = z.infer<typeof CentraOrderLineSchema>;
export type CentraAddress = z.infer<typeof CentraAddressSchema>;
export type CentraCustomerRef = z.infer<typeof CentraCustomerRefSchema>;
export type CentraShipment = z.infer<typeof CentraShipmentSchema>;
export type CentraReturn = z.infer<typeof CentraReturnSchema>;
