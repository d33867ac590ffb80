/**
 * Builders of Centra simulator records with sensible defaults, for tests: override only what the
 * test is about. Ids not given come from per-kind counters (deterministic within a test file).
 * Money is in GBP unless `currency` is given; totals follow the lines unless overridden.
 */
import { simOrderHash } from '../../sandbox/centra-simulator/build/order-hash.js';
import { linePrices, orderTotals } from '../../sandbox/centra-simulator/build/order-totals.js';
import { COUNTRIES } from '../../sandbox/centra-simulator/build/countries.js';
import type { SimAddress, SimCustomer, SimDtcOrder, SimOrderLine, SimReturn, SimShipment, SimWholesaleOrder } from '../../sandbox/centra-simulator/index.js';

const counters = new Map<string, number>();
const nextId = (kind: string, start: number): number => {
  const n = (counters.get(kind) ?? start - 1) + 1;
  counters.set(kind, n);
  return n;
};

export const SIM_DATE = '2024-06-03T18:00:00+02:00';

export function makeSimAddress(overrides: Partial<SimAddress> = {}): SimAddress {
  return {
    firstName: 'Ada',
    lastName: 'Lovelace',
    address1: '12 Analytical Row',
    address2: null,
    city: 'London',
    zipCode: 'N1 9GU',
    stateOrProvince: null,
    country: COUNTRIES.GB,
    state: null,
    email: 'ada@example.com',
    phoneNumber: '+44 20 7946 0000',
    ...overrides,
  };
}

export type SimLineOverrides = Partial<SimOrderLine> & {
  /** Sets unitOriginalPrice and unitPrice (and so lineValue) at once. */
  price?: number;
  currency?: string;
};

export function makeSimLine(overrides: SimLineOverrides = {}): SimOrderLine {
  const { price = 100, currency = 'GBP', ...rest } = overrides;
  const quantity = rest.quantity ?? 1;
  const prices = linePrices(rest.unitOriginalPrice?.value ?? price, rest.unitPrice?.value ?? price, quantity, currency);
  return {
    id: nextId('line', 1),
    product: { id: 1, productNumber: 'P10001', name: 'Sim Tee' },
    productVariant: { id: 11, variantNumber: 'BLK', name: 'Black' },
    productSize: { id: 111, SKU: 'P10001BLKM', sizeNumber: 'M', description: 'M', EAN: null },
    productName: 'Sim Tee',
    productVariantName: 'Black',
    brand: { id: 1, name: 'Sim Brand' },
    quantity,
    cancelledQuantity: 0,
    ...prices,
    taxPercent: 20,
    comment: null,
    ...rest,
  };
}

export type SimOrderOverrides<T> = Partial<T> & { currency?: string; shipping?: number };

function orderBase(overrides: SimOrderOverrides<SimDtcOrder | SimWholesaleOrder>) {
  const { currency = 'GBP', shipping = 5, ...rest } = overrides;
  const number = rest.number ?? nextId('order', 1000);
  const lines = rest.lines ?? [makeSimLine({ currency })];
  return {
    ...orderTotals(lines, { currency, shipping }),
    id: simOrderHash(number),
    number,
    status: 'CONFIRMED' as const,
    isOnHold: false,
    createdAt: SIM_DATE,
    orderDate: SIM_DATE,
    updatedAt: SIM_DATE,
    store: { id: 1, type: 'DIRECT_TO_CONSUMER' as const },
    market: { id: 1, name: 'UK' },
    pricelist: { id: 1, name: 'GBP' },
    discountsApplied: [],
    paymentMethod: { uri: 'klarna-checkout', plugin: 'klarna' },
    paymentHistory: [],
    lines,
    shippingPriceGroup: { shippingOption: { id: 1, name: 'Standard', uri: 'standard' } },
    shippingAddress: makeSimAddress(),
    billingAddress: makeSimAddress(),
    rest,
  };
}

export function makeSimOrder(overrides: SimOrderOverrides<SimDtcOrder> = {}): SimDtcOrder {
  const { rest, ...base } = orderBase(overrides);
  return {
    __typename: 'DirectToConsumerOrder',
    ...base,
    customer: { id: 1, email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
    ...rest,
  } as SimDtcOrder;
}

export function makeSimWholesaleOrder(overrides: SimOrderOverrides<SimWholesaleOrder> = {}): SimWholesaleOrder {
  const { rest, ...base } = orderBase(overrides);
  return {
    __typename: 'WholesaleOrder',
    ...base,
    store: { id: 2, type: 'WHOLESALE' },
    account: { id: 1, name: 'Sim Retail Ltd' },
    buyer: { id: 1, email: 'buyer@example.com', firstName: 'Bo', lastName: 'Buyer' },
    purchaseOrderNumber: 'PO-1',
    ...rest,
  } as SimWholesaleOrder;
}

export function makeSimCustomer(overrides: Partial<SimCustomer> = {}): SimCustomer {
  const id = overrides.id ?? nextId('customer', 1);
  return {
    id,
    email: `customer${id}@example.com`,
    firstName: 'Ada',
    lastName: 'Lovelace',
    gender: null,
    phoneNumber: null,
    billingAddress: makeSimAddress({ email: overrides.email ?? `customer${id}@example.com` }),
    store: { id: 1 },
    market: { id: 1 },
    pricelist: { id: 1 },
    createdAt: SIM_DATE,
    updatedAt: SIM_DATE,
    isRegistered: true,
    newsletter: false,
    newsletterSubscriptions: [],
    consents: [],
    ...overrides,
  };
}

/** A shipment of the whole order (one shipment line per order line) unless `lines` is given. */
export function makeSimShipment(order: SimDtcOrder | SimWholesaleOrder, overrides: Partial<SimShipment> = {}): SimShipment {
  const id = overrides.id ?? nextId('shipment', 1);
  return {
    __typename: order.__typename === 'WholesaleOrder' ? 'WholesaleShipment' : 'DirectToConsumerShipment',
    id,
    number: `${order.number}-1`,
    order: { number: order.number, id: order.id },
    createdAt: SIM_DATE,
    updatedAt: SIM_DATE,
    isGoodToGo: true,
    isPaid: true,
    paidAt: SIM_DATE,
    isCaptured: true,
    capturedAt: SIM_DATE,
    isShipped: true,
    shippedAt: SIM_DATE,
    numberOfPackages: 1,
    trackingNumber: `TRK${id}`,
    returnTrackingNumber: null,
    carrierInformation: { carrierName: 'DHL', serviceName: 'Express' },
    grandTotal: order.grandTotal,
    discountsApplied: [],
    shippingAddress: order.shippingAddress ?? null,
    lines: order.lines.map((l) => ({ id: nextId('shipmentLine', 1), quantity: l.quantity, lineValue: l.lineValue, orderLine: { id: l.id } })),
    customer: order.__typename === 'DirectToConsumerOrder' && order.customer ? { id: order.customer.id } : null,
    ...overrides,
  };
}

/** A pending return of every line of a shipment unless `lines` is given. */
export function makeSimReturn(shipment: SimShipment, overrides: Partial<SimReturn> = {}): SimReturn {
  return {
    __typename: shipment.__typename === 'WholesaleShipment' ? 'WholesaleReturn' : 'DirectToConsumerReturn',
    id: overrides.id ?? nextId('return', 1),
    status: 'PENDING',
    returnStatus: 'PENDING',
    createdAt: SIM_DATE,
    updatedAt: SIM_DATE,
    returnedToStock: false,
    comment: null,
    order: shipment.order,
    shipment: { id: shipment.id },
    lines: shipment.lines.map((l) => ({ id: nextId('returnLine', 1), quantity: l.quantity, shipmentLine: { id: l.id }, orderLine: l.orderLine ?? null })),
    customer: shipment.customer ?? null,
    ...overrides,
  };
}

/** POSTs a GraphQL operation to a running simulator; `token: null` sends no Authorization header. */
export async function postToSimulator(
  sim: { url: string; token: string },
  query: string,
  options: { variables?: Record<string, unknown>; operationName?: string; token?: string | null } = {},
): Promise<{
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string }>; extensions?: { complexity?: number } };
}> {
  const token = options.token === undefined ? sim.token : options.token;
  const response = await fetch(sim.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token === null ? {} : { Authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query, variables: options.variables, operationName: options.operationName }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text.startsWith('{') ? JSON.parse(text) : { errors: [{ message: text }] } };
}
