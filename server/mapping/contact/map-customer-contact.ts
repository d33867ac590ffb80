import { contactHeader } from './map-contact.js';
import type { OmetriaContact } from '../../ometria/ometria-records.js';
import { definedOnly } from '../common/defined-only.js';
import { NAME_MAX_LENGTH } from '../common/ometria-limits.js';
import { cleanText } from '../common/text.js';
import type { CentraCustomer } from '../../centra/customers/centra-customer.js';
import { attributeValues } from './customer-attributes.js';
import { ometriaGender } from './customer-gender.js';
import { customerPhone } from './customer-phone.js';
import { byPrecedence, firstOf } from './customer-precedence.js';
import { contactConsentFields, type ForceOptions } from './consent-fields.js';
import { consentTime, type ConsentState } from './consent-state.js';
import { dateOfBirth } from './date-of-birth.js';
import type { SegmentationAttributes } from './segmentation.js';

export interface CustomerContactContext {
  /** The email's contact key (docs/design.md D1): both `id` and `customer_id`. */
  contactKey: string;
  /** OMETRIA_CONTACT_COLLECTION (default `centra`). */
  collection: string;
  /** Ometria stores of the customer's markets (OMETRIA_STORE_MAP), in any order; none = left out. */
  storeIds: readonly string[];
  /** mergeConsent over every record of the email and lastSent; none = no consent fields. */
  consent?: ConsentState;
  force: ForceOptions;
  /** The consent audit's lastKnown: consent fields are sent only when they change (consent-fields.ts). */
  lastSentConsent?: ConsentState;
  /** CUSTOMER_ATTRIBUTE_MAP: Centra attribute key (customer-attributes.ts) → contact property name. */
  attributeMap: Readonly<Record<string, string>>;
  /** CUSTOMER_DATE_OF_BIRTH_ATTRIBUTE: the Centra attribute key holding a date of birth, if any. */
  dateOfBirthAttribute?: string;
  segmentation?: SegmentationAttributes;
}

/** Whether any of the email's Centra records is a registered account. */
export const REGISTERED_PROPERTY = 'centra_registered';

/**
 * Pure. Every Centra customer of one email (guest and registered) as one Ometria contact, sent with `@merge: true`
 * so fields left out keep their value in Ometria. A field comes from the registered record, else the most
 * recently updated one (customer-precedence.ts). Blank or unusable values are left out, never sent empty.
 */
export function mapCustomerContact(customers: readonly CentraCustomer[], ctx: CustomerContactContext): OmetriaContact {
  const ordered = byPrecedence(customers);
  const attributes = ordered.map(attributeValues);
  const attribute = (key: string) => attributes.map((values) => values.get(key)).find((v) => v !== undefined);
  // A mapped attribute Centra no longer has is sent as null so it is cleared in Ometria, not left stale.
  const mapped = Object.entries(ctx.attributeMap).map(([key, name]) => [name, attribute(key) ?? null] as const);
  const properties = definedOnly({ ...Object.fromEntries(mapped), [REGISTERED_PROPERTY]: registered(customers), ...ctx.segmentation });
  const storeIds = [...new Set(ctx.storeIds)].sort();

  return definedOnly<OmetriaContact>({
    ...contactHeader(ctx.contactKey, ctx.collection),
    email: firstOf(ordered, (c) => cleanText(c.email)),
    firstname: firstOf(ordered, (c) => cleanText(c.firstName, NAME_MAX_LENGTH)),
    lastname: firstOf(ordered, (c) => cleanText(c.lastName, NAME_MAX_LENGTH)),
    phone_number: firstOf(ordered, (c) => customerPhone(c.phoneNumber)),
    gender: firstOf(ordered, (c) => ometriaGender(c.gender)),
    date_of_birth: ctx.dateOfBirthAttribute === undefined ? undefined : dateOfBirth(attribute(ctx.dateOfBirthAttribute)),
    country_id: firstOf(ordered, (c) => countryCode(c.billingAddress?.country?.code)),
    store_ids: storeIds.length > 0 ? storeIds : undefined,
    timestamp_acquired: earliest(customers.map((c) => consentTime(c.createdAt))),
    ...(ctx.consent ? contactConsentFields(ctx.consent, ctx.force, ctx.lastSentConsent) : {}),
    properties: Object.keys(properties).length > 0 ? properties : undefined,
  });
}

/** true when any record is registered, false when all say they are not, else unknown (the field is a guess). */
function registered(customers: readonly CentraCustomer[]): boolean | undefined {
  if (customers.some((c) => c.isRegistered === true)) return true;
  return customers.length > 0 && customers.every((c) => c.isRegistered === false) ? false : undefined;
}

/** ISO-3166 alpha-2 in upper case, else absent. */
function countryCode(code: string | null | undefined): string | undefined {
  const upper = code?.trim().toUpperCase();
  return upper && /^[A-Z]{2}$/.test(upper) ? upper : undefined;
}

/** When the person first became a Centra customer under this email: the earliest record's createdAt. */
function earliest(isoTimes: Array<string | undefined>): string | undefined {
  return isoTimes.filter((t): t is string => t !== undefined).sort()[0];
}
