import { sameConsent, type ConsentState } from '../../mapping/contact/consent-state.js';
import { mergeConsent } from '../../mapping/contact/merge-consent.js';
import { pushRecords, type PushItem } from '../../ometria/push-records.js';
import { pushDeps } from '../push-job-records.js';
import type { SyncContext } from '../sync-context.js';
import { isBackInStock, type CentraNewsletterSignup } from '../../centra/newsletter/centra-newsletter-subscription.js';
import type { NewsletterCounts } from './newsletter-checkpoint.js';
import { readMemory, sameMemory, writeMemory, type SubscriptionMemory } from './newsletter-memory.js';
import { subscriptionSignal } from './newsletter-signal.js';
import { mapNewsletterContact } from '../../mapping/contact/map-newsletter-contact.js';

/** Job kind of a newsletter dead letter: its replay forgets the subscription's memory (newsletter-replay.ts). */
export const NEWSLETTER_JOB_KIND = 'newsletter';

interface Changed {
  subscription: CentraNewsletterSignup;
  state: ConsentState;
  memory: SubscriptionMemory;
}

interface ContactUpdate {
  contactKey: string;
  changed: Changed[];
  /** The consent audit row to mark pushed; undefined when nothing needs sending. */
  changeId?: number;
  item?: PushItem;
}

/**
 * One page of subscriptions: those whose state differs from what we remember are grouped by contact (the email's
 * key, else `n<id>`), merged with what Ometria last learned from us under the customer sync's rules
 * (merge-consent.ts), audited, and sent as contacts; the memory moves only once Ometria acknowledged, so a failed
 * push (thrown: the poll stops there) is sent again by the next poll. Counts go into `counts`.
 */
export async function applyNewsletterPage(ctx: SyncContext, subscriptions: readonly CentraNewsletterSignup[], counts: NewsletterCounts): Promise<void> {
  const observedAt = new Date(ctx.now()).toISOString();
  const byContact = new Map<string, Changed[]>();
  for (const subscription of subscriptions) {
    if (isBackInStock(subscription)) {
      counts.backInStock++;
      continue;
    }
    const memory = await readMemory(ctx.store.kv, subscription.id);
    const signal = subscriptionSignal(subscription, memory, observedAt);
    if (!signal) {
      counts.unreadable++;
      continue;
    }
    counts.subscriptions++;
    if (sameMemory(memory, signal.memory)) {
      counts.unchanged++;
      continue;
    }
    const contactKey = await ctx.store.contactKeys.resolveEmail(subscription.email, `n${subscription.id}`, ctx.now());
    if (contactKey === undefined) {
      counts.unreadable++;
      continue;
    }
    const group = byContact.get(contactKey) ?? [];
    group.push({ subscription, ...signal });
    byContact.set(contactKey, group);
  }
  const updates: ContactUpdate[] = [];
  for (const [contactKey, changed] of byContact) updates.push(await decide(ctx, contactKey, changed, counts));
  const items = updates.flatMap((u) => (u.item ? [u.item] : []));
  const result = items.length > 0 ? await pushRecords(items, pushDeps(ctx)) : undefined;
  const now = ctx.now();
  await ctx.store.transaction(async (tx) => {
    for (const update of updates) {
      if (update.item && result?.deadLettered.has(update.contactKey)) {
        // No memory: the subscription is decided and sent again when a poll next reads it (or on replay).
        counts.deadLettered++;
        continue;
      }
      if (update.item) {
        await tx.consentAudit.markPushed(update.contactKey, now, update.changeId);
        counts.contactsSent++;
      }
      for (const c of update.changed) await writeMemory(tx.kv, c.subscription.id, c.memory);
    }
  });
}

/** Merges a contact's changed subscriptions with lastSent; records the change and builds the contact if it moved. */
async function decide(ctx: SyncContext, contactKey: string, changed: Changed[], counts: NewsletterCounts): Promise<ContactUpdate> {
  const cfg = ctx.customers;
  return ctx.store.transaction(async (tx) => {
    const last = await tx.consentAudit.lastKnown(contactKey);
    const merged = mergeConsent([...changed.map((c) => c.state), last]);
    if (last && sameConsent(merged, last)) {
      counts.outranked += changed.length;
      return { contactKey, changed };
    }
    const changeId = await tx.consentAudit.record({ contactKey, from: last, to: merged, recordedAt: ctx.now() });
    const record = mapNewsletterContact(
      changed.map((c) => c.subscription),
      {
        contactKey,
        collection: ctx.contactCollection,
        consent: merged,
        lastSentConsent: last,
        force: { forceOptIn: cfg.forceOptIn, forceOptOut: cfg.forceOptOut },
      },
    );
    return { contactKey, changed, changeId, item: { record, jobKind: NEWSLETTER_JOB_KIND, entityKey: String(changed[0]!.subscription.id) } };
  });
}
