import type { OmetriaCustomEvent } from '../../ometria/ometria-records.js';
import type { ContactKeyStore } from '../../store/contact-key-store.js';
import type { TrackerIdentity } from '../../store/tracker-event-store.js';

export type EventIdentity = Pick<OmetriaCustomEvent, 'identity_account_id' | 'identity_email'>;

/** Read-only view of the contact_keys table (docs/design.md D1). */
export interface ContactKeyLookup {
  forCustomer(customerId: number): Promise<string | undefined>;
  forEmail(email: string): Promise<string | undefined>;
}

/**
 * PURE given the lookup: the Ometria identity of a visitor's events. identity_account_id is the visitor's
 * contact key: the stored one for the customer, else for the email, else the key docs/design.md D1 gives a
 * customer seen for the first time (`c<id>`). Nothing is written: the browser can claim any customer id or
 * email, and a claim stored in contact_keys would merge two people's contacts for good; only Centra's own
 * data (order sync) allocates keys.
 */
export async function ometriaIdentity(identity: TrackerIdentity, keys: ContactKeyLookup): Promise<EventIdentity> {
  const customerId = identity.customerId ? Number(identity.customerId) : undefined;
  const account =
    (customerId !== undefined ? await keys.forCustomer(customerId) : undefined) ??
    (identity.email ? await keys.forEmail(identity.email) : undefined) ??
    (customerId !== undefined ? `c${customerId}` : undefined);
  return {
    ...(account ? { identity_account_id: account } : {}),
    ...(identity.email ? { identity_email: identity.email } : {}),
  };
}

/** The lookup over the store's contact_keys table (emails trimmed and lower-cased by the store). */
export function contactKeyLookup(contactKeys: Pick<ContactKeyStore, 'keyForCustomer' | 'keyForEmail'>): ContactKeyLookup {
  return {
    forCustomer: (customerId) => contactKeys.keyForCustomer(customerId),
    forEmail: (email) => contactKeys.keyForEmail(email),
  };
}
