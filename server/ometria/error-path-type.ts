/**
 * [INF] /push/_errors gives only `error_path` (e.g. "root > lineitems > 0 > product_id") and no record id or
 * type (docs/design.md O3). Field names that exist on one record type only tell us which type failed;
 * anything else leaves the type unknown and every type pushed since the last poll is a suspect.
 */
const FIELD_TYPES: Record<string, string> = {
  lineitems: 'order',
  grand_total: 'order',
  subtotal: 'order',
  shipping_address: 'order',
  billing_address: 'order',
  payment_method: 'order',
  shipping_method: 'order',
  coupon_code: 'order',
  is_valid: 'order',
  marketing_optin: 'contact',
  firstname: 'contact',
  lastname: 'contact',
  phone_number: 'contact',
  country_id: 'contact',
  date_of_birth: 'contact',
  customer_id: 'contact',
  '@collection': 'contact',
  timestamp_subscribed: 'contact',
  listings: 'product',
  is_variant: 'product',
  parent_id: 'product',
  special_price: 'product',
  is_in_stock: 'product',
  image_url: 'product',
  event_type: 'custom_event',
  identity_email: 'custom_event',
  identity_account_id: 'custom_event',
};

export function recordTypeOfErrorPath(errorPath: string): string | undefined {
  for (const part of errorPath.split('>').map((p) => p.trim())) {
    const type = FIELD_TYPES[part];
    if (type) return type;
  }
  return undefined;
}
