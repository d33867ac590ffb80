import { consentTime, type ConsentState } from '../../mapping/contact/consent-state.js';
import { canTellBackInStock, isBackInStock, type CentraNewsletterSignup } from '../../centra/newsletter/centra-newsletter-subscription.js';
import type { SubscriptionMemory } from './newsletter-memory.js';

/** Where a subscription's consent is read, in the consent audit and in lastKnown: no PII. */
export const subscriptionSource = (subscriptionId: number) => `newsletter:${subscriptionId}`;

/**
 * [INF] How a polled NewsletterSubscription reads as marketing consent, following the customer sync's rule that an
 * opt-in is dated as early and an opt-out as late as the record allows (docs/customers.md, rule 5):
 * - back-in-stock (a product variant or size is set): nothing; `isActive` missing, or neither product field in the
 *   answer (canTellBackInStock): nothing;
 * - active: opt-in from its `createdAt`; reactivated after we saw it inactive: just after the time we first saw it
 *   inactive (the earliest the reactivation can have happened), unless `createdAt` is later;
 * - inactive: opt-out, dated when the poll first saw it inactive (Centra keeps no end date; the previous poll still
 *   saw it active). That date is remembered, so the same deactivation is never re-dated or re-sent.
 * Returns the state and what to remember once Ometria has it; undefined when the subscription says nothing.
 */
export function subscriptionSignal(
  subscription: CentraNewsletterSignup,
  memory: SubscriptionMemory | null | undefined,
  observedAt: string,
): { state: ConsentState; memory: SubscriptionMemory } | undefined {
  if (isBackInStock(subscription) || !canTellBackInStock(subscription) || typeof subscription.isActive !== 'boolean') return undefined;
  const source = subscriptionSource(subscription.id);
  const state: SubscriptionMemory['state'] = subscription.isActive ? 'in' : 'out';
  // The same state as last time keeps its date: a remembered date is never moved.
  const at = memory?.state === state ? memory.at : state === 'in' ? optInTime(subscription, memory) : observedAt;
  const remembered: SubscriptionMemory = at === undefined ? { state } : { state, at };
  return { state: { state, source, ...(at === undefined ? {} : { at }) }, memory: remembered };
}

function optInTime(subscription: CentraNewsletterSignup, memory: SubscriptionMemory | null | undefined): string | undefined {
  const created = consentTime(subscription.createdAt);
  if (memory?.at === undefined) return created;
  const afterOut = new Date(Date.parse(memory.at) + 1).toISOString();
  return created !== undefined && Date.parse(created) > Date.parse(afterOut) ? created : afterOut;
}
