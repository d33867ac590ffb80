import type { CentraCustomerRef } from '../../centra/orders/centra-order.js';
import type { OmetriaContact } from '../../ometria/ometria-records.js';
import { definedOnly } from '../common/defined-only.js';
import { e164OrUndefined } from './e164.js';
import { NAME_MAX_LENGTH } from '../common/ometria-limits.js';
import { cleanText } from '../common/text.js';

export interface ContactMappingContext {
  /** The customer's contact key (docs/design.md D1): both `id` and `customer_id`. */
  contactKey: string;
  /** OMETRIA_CONTACT_COLLECTION (default `centra`). */
  collection: string;
  /** Ometria store of the order that brought the contact, when known. */
  ometriaStore?: string;
}

/**
 * The contact behind an order, sent with `@merge: true` so fields we leave out (consent, fields set in
 * Ometria) are kept (docs/design.md D4). No `marketing_optin` until consent is mapped (issue C).
 * Email is trimmed but kept as typed; blank fields are left out rather than sent empty, which would erase.
 */
export function mapOrderContact(customer: CentraCustomerRef, ctx: ContactMappingContext): OmetriaContact {
  return definedOnly<OmetriaContact>({
    ...contactHeader(ctx.contactKey, ctx.collection),
    email: cleanText(customer.email),
    firstname: cleanText(customer.firstName, NAME_MAX_LENGTH),
    lastname: cleanText(customer.lastName, NAME_MAX_LENGTH),
    phone_number: e164OrUndefined(customer.phoneNumber),
    store_ids: ctx.ometriaStore === undefined ? undefined : [ctx.ometriaStore],
  });
}

/**
 * What every contact we push starts with: our collection, `@merge` so fields we leave out are kept, and the
 * PII-free contact key as both `id` and `customer_id` (docs/design.md D1, D4).
 */
export function contactHeader(contactKey: string, collection: string) {
  return { '@type': 'contact', '@collection': collection, '@merge': true, id: contactKey, customer_id: contactKey } as const;
}
