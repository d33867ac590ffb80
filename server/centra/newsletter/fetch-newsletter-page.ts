import type { CentraClient } from '../centra-client.js';
import { missingFromAnswer } from '../classify-centra-error.js';
import { CentraNewsletterSignupSchema, type CentraNewsletterSignup } from './centra-newsletter-subscription.js';
import { NEW_NEWSLETTER_SUBSCRIPTIONS_QUERY, NEWSLETTER_SUBSCRIPTIONS_QUERY } from './newsletter-query.js';

export interface NewsletterPage {
  subscriptions: CentraNewsletterSignup[];
  /** Rows Centra returned in a shape we cannot read (no id or email): counted and logged, never guessed at. */
  unreadable: number;
  /** Rows Centra returned; fewer than the limit means the last page. */
  rows: number;
}

/**
 * One page of subscriptions: every one, or (with `since`, a Centra DateTimeTz) those created since then.
 * Throws RemoteError: for transport trouble, and (outcome `unusable`) for an answer without the list. The poll stops
 * there and its checkpoint stays, so the next poll starts again from the same page.
 */
export async function fetchNewsletterPage(client: CentraClient, page: number, limit: number, since?: string): Promise<NewsletterPage> {
  const res =
    since === undefined
      ? await client.request<{ newsletterSubscriptions?: unknown[] | null }>(NEWSLETTER_SUBSCRIPTIONS_QUERY, { limit, page })
      : await client.request<{ newsletterSubscriptions?: unknown[] | null }>(NEW_NEWSLETTER_SUBSCRIPTIONS_QUERY, { since, limit, page });
  const rows = res.data?.newsletterSubscriptions;
  if (!Array.isArray(rows)) throw missingFromAnswer('newsletterSubscriptions page', res.errors);
  const out: NewsletterPage = { subscriptions: [], unreadable: 0, rows: rows.length };
  for (const row of rows) {
    const parsed = CentraNewsletterSignupSchema.safeParse(row);
    if (parsed.success) out.subscriptions.push(parsed.data);
    else out.unreadable++;
  }
  return out;
}
