import { describe, expect, it } from 'vitest';
import { createOpenApiValidator } from '../server/ometria/openapi-validator.js';
import { sampleContact, sampleCustomEvent, sampleOrder, sampleProduct, sampleVariant } from '../sandbox/ometria-recorder/sample-records.js';
import { checkOmetriaRecord } from '../server/ometria/ometria-records.js';

const validator = createOpenApiValidator();
const samples = {
  contact: sampleContact(),
  order: sampleOrder(),
  product: sampleProduct(),
  variant: sampleVariant(),
  custom_event: sampleCustomEvent(),
};

describe('Ometria OpenAPI contract', () => {
  it.each(Object.entries(samples))('accepts a valid %s that our closed schemas also accept', (_name, record) => {
    expect(checkOmetriaRecord(record)).toEqual({ ok: true });
    expect(validator.validate(record)).toEqual([]);
  });

  it('accepts null where the OpenAPI file says nullable', () => {
    const onSaleEnded = sampleProduct({ special_price: null, special_price_dt_from: null, special_price_dt_to: null });
    expect(validator.validate(onSaleEnded)).toEqual([]);
  });

  it('rejects an order without its required timestamp', () => {
    const { timestamp: _dropped, ...order } = sampleOrder();
    expect(validator.validate(order)).toEqual(["timestamp: must have required property 'timestamp'"]);
  });

  it('rejects an order id longer than 36 characters', () => {
    expect(validator.validate(sampleOrder({ id: '1'.repeat(37) }))).toEqual(['id: must NOT have more than 36 characters']);
  });

  it('rejects a custom event id longer than 32 characters', () => {
    expect(validator.validate(sampleCustomEvent({ id: 'a'.repeat(33) }))).toHaveLength(1);
  });

  it('rejects a marketing_optin outside the enum', () => {
    const contact = { ...sampleContact(), marketing_optin: 'YES' };
    expect(validator.validate(contact)).toEqual([expect.stringMatching(/^marketing_optin: must be equal to one of the allowed values/)]);
  });

  it('points at the failing field inside a line item', () => {
    const order = sampleOrder();
    const lineitems = order.lineitems.map(({ product_id: _dropped, ...line }) => line);
    expect(validator.issues({ ...order, lineitems })).toEqual([
      { path: ['lineitems', '0', 'product_id'], message: "must have required property 'product_id'" },
    ]);
  });

  it('rejects a record whose @type is not one of the four push types', () => {
    expect(validator.validate({ '@type': 'profile', id: 'x' })).toEqual(['@type: must be one of contact, order, product, custom_event']);
  });
});
