import type { OmetriaContact, OmetriaCustomEvent, OmetriaOrder, OmetriaProduct } from '../../server/ometria/ometria-records.js';

/**
 * Valid records after Ometria's examples (docs/design.md O5–O8), trimmed to what our closed schemas allow
 * (no `web_id`, `ip_address`, `channels`). For tests, benchmarks and seeding the sandbox.
 */
export const sampleContact = (over: Partial<OmetriaContact> = {}): OmetriaContact => ({
  '@type': 'contact',
  '@collection': 'centra',
  '@merge': true,
  id: 'c1001',
  customer_id: 'c1001',
  email: 'a@example.com',
  phone_number: '+447700900000',
  firstname: 'Ada',
  lastname: 'Byron',
  gender: 'f',
  date_of_birth: '1990-01-31',
  country_id: 'GB',
  timezone: 'Europe/London',
  store_ids: ['example.com/uk'],
  timestamp_acquired: '2024-01-01T10:00:00Z',
  properties: { loyalty_tier: 'gold' },
  ...over,
});

export const sampleOrder = (over: Partial<OmetriaOrder> = {}): OmetriaOrder => ({
  '@type': 'order',
  id: '100023',
  timestamp: '2024-05-01T12:00:00Z',
  status: 'completed',
  is_valid: true,
  currency: 'GBP',
  grand_total: 120,
  subtotal: 100,
  discount: -10,
  shipping: 5,
  tax: 25,
  channel: 'online',
  store: 'example.com/uk',
  coupon_code: 'SPRING10',
  payment_method: 'card',
  shipping_method: 'dhl_express',
  customer: { id: 'c1001', email: 'a@example.com', firstname: 'Ada', lastname: 'Byron' },
  shipping_address: { city: 'London', postcode: 'N1 1AA', country_code: 'GB' },
  billing_address: { city: 'London', postcode: 'N1 1AA', country_code: 'GB' },
  lineitems: [
    {
      product_id: 'P1',
      variant_id: 'P1-M',
      sku: 'P1-M',
      quantity: 2,
      unit_price: 50,
      subtotal: 100,
      discount: -10,
      tax: 20,
      total: 110,
      is_on_sale: false,
      variant_options: [{ type: 'size', id: 'm', label: 'M' }],
    },
  ],
  properties: { centra_market: 'UK' },
  ...over,
});

export const sampleProduct = (over: Partial<OmetriaProduct> = {}): OmetriaProduct => ({
  '@type': 'product',
  id: 'P1',
  sku: 'P1',
  title: 'Linen shirt',
  price: 50,
  special_price: 40,
  special_price_dt_from: '2024-05-01T00:00:00Z',
  special_price_dt_to: '2024-05-31T23:59:59Z',
  url: 'https://example.com/p/linen-shirt',
  image_url: 'https://cdn.example.com/p1.jpg',
  is_active: true,
  is_in_stock: true,
  is_variant: false,
  attributes: [
    { type: 'category', id: 'category:12', label: 'Shirts' },
    { type: 'brand', id: 'brand:3', label: 'Acme' },
  ],
  listings: [{ store: 'example.com/uk', currency: 'GBP', price: 50, special_price: 40, title: 'Linen shirt', is_active: true }],
  ...over,
});

export const sampleVariant = (over: Partial<OmetriaProduct> = {}): OmetriaProduct => ({
  '@type': 'product',
  id: 'P1-M',
  sku: 'P1-M',
  title: 'Linen shirt M',
  price: 50,
  is_variant: true,
  parent_id: 'P1',
  ...over,
});

export const sampleCustomEvent = (over: Partial<OmetriaCustomEvent> = {}): OmetriaCustomEvent => ({
  '@type': 'custom_event',
  id: '3f6c2a9e8b7d4c1fa0e5d6b7c8a9f012',
  event_type: 'order_shipped',
  timestamp: '2024-05-02T09:30:00+00:00',
  identity_account_id: 'c1001',
  properties: { order_id: '100023', carrier: 'DHL', tracking_number: 'JD0002' },
  ...over,
});
