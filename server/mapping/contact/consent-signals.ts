import type { CentraConsent, CentraCustomer, CentraNewsletterSubscription } from '../../centra/customers/centra-customer.js';
import { consentState, consentTime, type ConsentState } from './consent-state.js';

/**
 * How each Centra field reads as consent. Each rule is an inference [INF] about undocumented Centra semantics,
 * kept in its own function. Shared principle: when Centra does not date a state exactly, an opt-in is dated as
 * early and an opt-out as late as the record allows, so an uncertain opt-in never outranks an opt-out.
 */

/** [INF] `consented` true/false is an explicit answer to a consent question, dated by updatedAt else createdAt. */
export function consentRecordSignal(customer: CentraCustomer, consent: CentraConsent): ConsentState {
  const source = `customer:${customer.id}:consent:${consent.key?.trim().toLowerCase() ?? ''}`;
  if (typeof consent.consented !== 'boolean') return consentState('unknown', undefined, source, customer.id);
  const at = consentTime(consent.updatedAt) ?? consentTime(consent.createdAt);
  return consentState(consent.consented ? 'in' : 'out', at, source, customer.id);
}

/**
 * [INF] `newsletter: true` is an opt-in dated by the customer's createdAt (the flag has no date of its own; the
 * earliest it can have been set). `false` or null is unknown, not an opt-out: false is also Centra's value for
 * every customer never asked (guest checkouts). A flag that turns false after we sent its opt-in is caught by
 * newsletterFlagRevoked.
 */
export function newsletterFlagSignal(customer: CentraCustomer): ConsentState {
  const source = newsletterFlagSource(customer.id);
  if (customer.newsletter !== true) return consentState('unknown', undefined, source, customer.id);
  return consentState('in', consentTime(customer.createdAt), source, customer.id);
}

/**
 * [INF] A newsletter flag that is false now, while the last state Ometria learned from us was this flag's opt-in:
 * the customer (or an unsubscribe synced back into Centra) turned it off. Dated by the customer's updatedAt, the
 * latest the change can have happened. The reverse flip is not read as a re-subscription: the flag's false is
 * ambiguous and its true undated, so re-subscribing needs a dated consent or subscription (or Ometria's forms).
 */
export function newsletterFlagRevoked(customer: CentraCustomer, lastSent: ConsentState | undefined): ConsentState | undefined {
  const flag = newsletterFlagSource(customer.id);
  if (customer.newsletter !== false || lastSent?.state !== 'in' || lastSent.source !== flag) return undefined;
  return consentState('out', consentTime(customer.updatedAt), `${flag}:revoked`, customer.id);
}

/**
 * [INF] An active newsletter subscription is an opt-in from its createdAt; an inactive one an opt-out, dated by
 * the customer's updatedAt because a subscription carries no end date. Back-in-stock subscriptions (with a
 * product variant) are not marketing consent and say nothing.
 */
export function newsletterSubscriptionSignal(customer: CentraCustomer, subscription: CentraNewsletterSubscription): ConsentState {
  const source = `customer:${customer.id}:subscription`;
  if (subscription.productVariant != null || typeof subscription.isActive !== 'boolean') {
    return consentState('unknown', undefined, source, customer.id);
  }
  return subscription.isActive
    ? consentState('in', consentTime(subscription.createdAt), source, customer.id)
    : consentState('out', consentTime(customer.updatedAt), source, customer.id);
}

function newsletterFlagSource(customerId: number): string {
  return `customer:${customerId}:newsletter`;
}
