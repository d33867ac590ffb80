import type { CentraOrder, CentraOrderLine } from '../../centra/orders/centra-order.js';
import { MappingError } from '../common/mapping-error.js';

/** Every way mapOrder refuses an order, one constructor per case so messages stay consistent. */
export const orderMappingError = {
  missingSku: (order: CentraOrder, line: CentraOrderLine): MappingError =>
    new MappingError({
      orderNumber: order.number,
      lineId: line.id,
      problem: 'the ordered size has no SKU, so Ometria cannot tell which variant was bought',
      owner: 'ecommerce',
      action: 'give the size a SKU in Centra, then replay the order',
    }),

  missingProductNumber: (order: CentraOrder, line: CentraOrderLine): MappingError =>
    new MappingError({
      orderNumber: order.number,
      lineId: line.id,
      problem: 'the ordered product has no product number, so it has no Ometria product id',
      owner: 'ecommerce',
      action: 'give the product a product number in Centra, then replay the order',
    }),

  missingPrice: (order: CentraOrder, line: CentraOrderLine, field: string): MappingError =>
    new MappingError({
      orderNumber: order.number,
      lineId: line.id,
      problem: `Centra returned no ${field} for the line`,
      owner: 'developers',
      action: 'check the order in Centra and the order query (server/centra/orders/order-query.ts)',
    }),

  missingDate: (order: CentraOrder): MappingError =>
    new MappingError({
      orderNumber: order.number,
      problem: 'Centra returned neither orderDate nor createdAt',
      owner: 'developers',
      action: 'check the order in Centra and the order query (server/centra/orders/order-query.ts)',
    }),

  unreadableDate: (order: CentraOrder, field: string, value: string): MappingError =>
    new MappingError({
      orderNumber: order.number,
      problem: `${field} "${value}" is not a date this integration can read`,
      owner: 'developers',
      action: 'extend toUtcIso (server/mapping/common/to-utc-iso.ts) to read this format',
    }),

  invalidCurrency: (order: CentraOrder): MappingError =>
    new MappingError({
      orderNumber: order.number,
      problem: `currency "${order.grandTotal.currency.code}" is not an ISO-4217 code`,
      owner: 'ecommerce',
      action: "set an ISO-4217 currency code (such as GBP) on the order's pricelist in Centra",
    }),
};
