import type { OmetriaContact } from '../../ometria/ometria-records.js';
import { contactConsentFields, type ForceOptions } from './consent-fields.js';
import { consentTime, type ConsentState } from './consent-state.js';
import { definedOnly } from '../common/defined-only.js';
import { contactHeader } from './map-contact.js';
import { cleanText } from '../common/text.js';
import type { CentraNewsletterSignup } from '../../centra/newsletter/centra-newsletter-subscription.js';

export interface NewsletterContactContext {
  contactKey: string;
  collection: string;
  /** mergeConsent over the contact's changed subscriptions and lastSent. */
  consent: ConsentState;
  lastSentConsent: ConsentState | undefined;
  force: ForceOptions;
}

/**
 * Pure. The contact a consent change from newsletter subscriptions updates, sent with `@merge: true` so every field
 * the customer sync sets is kept. A newsletter-only contact (`n<subscription id>`) also gets its email and, from its
 * own subscription, `timestamp_acquired`; a customer's contact gets consent fields only: its email, names and
 * stores come from the customer sync.
 */
export function mapNewsletterContact(subscriptions: readonly CentraNewsletterSignup[], ctx: NewsletterContactContext): OmetriaContact {
  const own = subscriptions.find((s) => ctx.contactKey === `n${s.id}`);
  const newsletterOnly = ctx.contactKey.startsWith('n');
  return definedOnly<OmetriaContact>({
    ...contactHeader(ctx.contactKey, ctx.collection),
    email: newsletterOnly ? subscriptions.map((s) => cleanText(s.email)).find((e) => e !== undefined) : undefined,
    timestamp_acquired: own ? consentTime(own.createdAt) : undefined,
    ...contactConsentFields(ctx.consent, ctx.force, ctx.lastSentConsent),
  });
}
