import { z } from 'zod';

/**
 * Closed schemas for what we push to Ometria, with the limits of docs/design.md O5–O8 and D8.
 * Stricter than Ometria's OpenAPI file: tests prove every record we build passes both.
 */

/** Ometria: "Payload invalid: Record is too large." above 60 KB per record (docs/design.md O1). */
export const MAX_RECORD_BYTES = 60 * 1024;

const isoDateTime = z.iso.datetime({ offset: true });
const money = z.number().finite();
const currency = z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO-4217 code such as GBP');
/** Ometria ids must not contain PII (docs/design.md O5): an '@' means an email slipped in. */
const noPii = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((v) => !v.includes('@'), 'id must not contain an email address');

export const OmetriaAddressSchema = z.strictObject({
  firstname: z.string().max(64).optional(),
  lastname: z.string().max(64).optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  postcode: z.string().optional(),
  country_code: z.string().length(2).optional(),
});

export const OmetriaLineItemSchema = z.strictObject({
  product_id: z.string().min(1).max(255),
  variant_id: z.string().min(1).max(255).optional(),
  sku: z.string().min(1).max(255).optional(),
  title: z.string().max(140).optional(),
  quantity: z.number().int().nonnegative(),
  unit_price: money,
  subtotal: money.optional(),
  discount: money.optional(),
  tax: money.optional(),
  total: money.optional(),
  quantity_refunded: z.number().int().nonnegative().optional(),
  refunded: money.optional(),
  is_on_sale: z.boolean().optional(),
  variant_options: z.array(z.strictObject({ type: z.string(), id: z.string(), label: z.string() })).optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});

export const OmetriaOrderSchema = z.strictObject({
  '@type': z.literal('order'),
  id: noPii(36),
  timestamp: isoDateTime,
  status: z.string().min(1).max(64),
  is_valid: z.boolean(),
  currency,
  grand_total: money,
  subtotal: money,
  discount: money.optional(),
  shipping: money.optional(),
  tax: money.optional(),
  channel: z.string().max(32).optional(),
  store: z.string().min(1).max(32).optional(),
  payment_method: z.string().max(32).optional(),
  shipping_method: z.string().max(32).optional(),
  coupon_code: z.string().max(255).optional(),
  customer: z
    .strictObject({
      id: noPii(255),
      email: z.string().max(255).optional(),
      firstname: z.string().max(64).optional(),
      lastname: z.string().max(64).optional(),
      phone_number: z.string().optional(),
    })
    .optional(),
  shipping_address: OmetriaAddressSchema.optional(),
  billing_address: OmetriaAddressSchema.optional(),
  lineitems: z.array(OmetriaLineItemSchema),
  properties: z.record(z.string(), z.unknown()).optional(),
  '@merge': z.boolean().optional(),
});

const optin = z.enum(['EXPLICITLY_OPTEDIN', 'EXPLICITLY_OPTEDOUT', 'NOT_SPECIFIED']);

export const OmetriaContactSchema = z.strictObject({
  '@type': z.literal('contact'),
  '@collection': z.string().min(1).max(64),
  '@merge': z.boolean().optional(),
  '@force_optin': z.boolean().optional(),
  id: noPii(255),
  customer_id: noPii(255),
  email: z.string().max(255).optional(),
  phone_number: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'phone_number must be E.164')
    .optional(),
  firstname: z.string().max(64).optional(),
  middlename: z.string().max(64).optional(),
  lastname: z.string().max(64).optional(),
  prefix: z.string().max(32).optional(),
  gender: z.enum(['f', 'm', 'o']).optional(),
  date_of_birth: z.iso.date().optional(),
  country_id: z.string().length(2).optional(),
  timezone: z.string().optional(),
  store_ids: z.array(z.string().max(32)).optional(),
  marketing_optin: optin.optional(),
  timestamp_acquired: isoDateTime.optional(),
  timestamp_subscribed: isoDateTime.optional(),
  timestamp_unsubscribed: isoDateTime.optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});

const attribute = z.strictObject({ type: z.string().min(1), id: z.string().min(1), label: z.string() });

export const OmetriaListingSchema = z.strictObject({
  store: z.string().min(1).max(32),
  currency,
  price: money,
  special_price: money.nullable().optional(),
  title: z.string().max(140).optional(),
  url: z.string().max(1024).optional(),
  image_url: z.string().max(1024).optional(),
  is_active: z.boolean().optional(),
});

export const OmetriaProductSchema = z.strictObject({
  '@type': z.literal('product'),
  '@merge': z.boolean().optional(),
  id: noPii(255),
  title: z.string().min(1).max(140),
  price: money,
  sku: z.string().max(255).optional(),
  is_variant: z.boolean().optional(),
  parent_id: z.string().max(255).optional(),
  special_price: money.nullable().optional(),
  special_price_dt_from: isoDateTime.nullable().optional(),
  special_price_dt_to: isoDateTime.nullable().optional(),
  is_active: z.boolean().optional(),
  is_in_stock: z.boolean().optional(),
  url: z.string().max(1024).optional(),
  image_url: z.string().max(1024).optional(),
  attributes: z.array(attribute).optional(),
  listings: z.array(OmetriaListingSchema).optional(),
});

export const OmetriaCustomEventSchema = z.strictObject({
  '@type': z.literal('custom_event'),
  /** 32 lower-case hex (a UUID v4 without dashes) or a derived id such as `ship-<id>` (docs/design.md D10). */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'custom event id must be ≤ 32 lower-case characters'),
  /** Ometria advises < 32 characters; longer types are truncated (docs/design.md O8). */
  event_type: z.string().min(1).max(31),
  timestamp: isoDateTime,
  identity_email: z.string().max(255).optional(),
  identity_account_id: z.string().max(255).optional(),
  profile_id: z.string().optional(),
  properties: z.record(z.string(), z.unknown()),
});

export type OmetriaOrder = z.infer<typeof OmetriaOrderSchema>;
export type OmetriaLineItem = z.infer<typeof OmetriaLineItemSchema>;
export type OmetriaAddress = z.infer<typeof OmetriaAddressSchema>;
export type OmetriaContact = z.infer<typeof OmetriaContactSchema>;
export type OmetriaProduct = z.infer<typeof OmetriaProductSchema>;
export type OmetriaCustomEvent = z.infer<typeof OmetriaCustomEventSchema>;
export type OmetriaRecord = OmetriaOrder | OmetriaContact | OmetriaProduct | OmetriaCustomEvent;
export type OmetriaRecordType = OmetriaRecord['@type'];

const SCHEMAS = {
  order: OmetriaOrderSchema,
  contact: OmetriaContactSchema,
  product: OmetriaProductSchema,
  custom_event: OmetriaCustomEventSchema,
} as const;

/** Checks one record before it is sent: its type's closed schema, then the 60 KB size limit. */
export function checkOmetriaRecord(record: OmetriaRecord): { ok: true } | { ok: false; reason: string } {
  const parsed = SCHEMAS[record['@type']].safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}` };
  }
  const bytes = new TextEncoder().encode(JSON.stringify(record)).length;
  if (bytes > MAX_RECORD_BYTES) return { ok: false, reason: `record is ${bytes} bytes, over Ometria's 60 KB limit` };
  return { ok: true };
}
