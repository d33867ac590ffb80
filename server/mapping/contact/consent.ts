import type { CentraCustomer } from '../../centra/customers/centra-customer.js';
import type { ConsentConfig } from '../../config/consent-config.js';
import { consentRecordSignal, newsletterFlagRevoked, newsletterFlagSignal, newsletterSubscriptionSignal } from './consent-signals.js';
import type { ConsentState } from './consent-state.js';
import { mergeConsent } from './merge-consent.js';

/**
 * One Centra customer's marketing email consent, from the fields the config names (docs/customers.md).
 * `lastSent` (the consent audit's lastKnown) lets a newsletter flag that turned false read as an opt-out.
 * Pure; the caller merges the result with the customer's other records and lastSent through mergeConsent.
 */
export function consentOf(customer: CentraCustomer, config: ConsentConfig, lastSent?: ConsentState): ConsentState {
  const keys = new Set(config.consentKeys.map((k) => k.trim().toLowerCase()));
  const signals: Array<ConsentState | undefined> = (customer.consents ?? [])
    .filter((c) => keys.has(c.key?.trim().toLowerCase() ?? ''))
    .map((c) => consentRecordSignal(customer, c));
  if (config.useNewsletterFlag) signals.push(newsletterFlagSignal(customer), newsletterFlagRevoked(customer, lastSent));
  if (config.useNewsletterSubscriptions) {
    signals.push(...(customer.newsletterSubscriptions ?? []).map((s) => newsletterSubscriptionSignal(customer, s)));
  }
  const merged = mergeConsent(signals);
  // An unknown state names the customer, not one of the fields that said nothing.
  return merged.state === 'unknown' ? { state: 'unknown', source: `customer:${customer.id}`, customerId: customer.id } : merged;
}
