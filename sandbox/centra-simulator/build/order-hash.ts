import { createHash } from 'node:crypto';

/** A stable 32-hex `Order.id` for an order number, shaped like Centra's hash ids. */
export function simOrderHash(orderNumber: number): string {
  return createHash('md5').update(`centra-sim-order:${orderNumber}`).digest('hex');
}
