import type { SchemaReport } from './check-schema.js';

export interface RefundSource {
  quantities: string;
  amounts: string;
}

/** Which Centra data refunds are read from on this schema (docs/mapping.md, "Refunds"), for /status and doctor. */
export function refundSource(report: SchemaReport | undefined): RefundSource {
  const missing = new Set(report?.capabilities.flatMap((c) => c.missing.map((m) => m.coordinate)) ?? []);
  return {
    quantities: missing.has('OrderLine.returnedQuantity') ? 'summed from completed returns (Order.returns)' : "Centra's OrderLine.returnedQuantity",
    amounts:
      missing.has('Order.returns') || missing.has('Return.refundPaymentHistory')
        ? 'the price paid for the returned units'
        : "the price paid for the returned units, capped by Centra's Return.refundPaymentHistory",
  };
}
