import type { OmetriaOrder } from '../../ometria/ometria-records.js';

export type OrderDriftKind =
  | 'order_missing'
  | 'order_outdated'
  | 'order_unmappable'
  | 'order_status_mismatch'
  | 'order_total_mismatch'
  | 'order_refund_mismatch'
  | 'shipment_tracking_missing';

export interface OrderDrift {
  kind: OrderDriftKind;
  detail: string;
}

const refundsOf = (o: Pick<OmetriaOrder, 'lineitems'>) => o.lineitems.reduce((n, l) => n + (l.quantity_refunded ?? 0), 0);

/**
 * What differs between the order Centra implies (`expected`) and what Ometria holds (`actual`, read back);
 * without a read-back, `actual` is undefined and only "missing" can be told from our ledger by the caller.
 */
export function compareOrder(expected: OmetriaOrder, actual: Partial<OmetriaOrder> | undefined): OrderDrift[] {
  if (!actual) return [{ kind: 'order_missing', detail: `order ${expected.id} is in Centra but not in Ometria` }];
  const drift: OrderDrift[] = [];
  if (actual.status !== expected.status || actual.is_valid !== expected.is_valid) {
    drift.push({
      kind: 'order_status_mismatch',
      detail: `Centra: ${expected.status}${expected.is_valid ? '' : ' (invalid)'}; Ometria: ${actual.status}${actual.is_valid === false ? ' (invalid)' : ''}`,
    });
  }
  if (actual.grand_total !== expected.grand_total || actual.currency !== expected.currency) {
    drift.push({
      kind: 'order_total_mismatch',
      detail: `Centra: ${expected.grand_total} ${expected.currency}; Ometria: ${actual.grand_total} ${actual.currency}`,
    });
  }
  const refunded = refundsOf(expected);
  const held = refundsOf({ lineitems: actual.lineitems ?? [] });
  if (refunded !== held) drift.push({ kind: 'order_refund_mismatch', detail: `Centra: ${refunded} unit(s) refunded; Ometria: ${held}` });
  const tracking = expected.properties?.tracking_number;
  if (tracking && actual.properties?.tracking_number !== tracking) {
    // A tracking number is whatever scalar Centra sent (string or number); it is printed as given.
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    drift.push({ kind: 'shipment_tracking_missing', detail: `Centra's shipment has tracking ${String(tracking)}; Ometria's order does not` });
  }
  return drift;
}
