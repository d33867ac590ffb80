import type { SimData } from '../data/sim-data.js';
import type { SimNewsletterSignup } from '../types/index.js';
import { allOf, dateRange, equalTo, stringMatch, type DateRange, type StringMatch } from './filters.js';
import { paginate, type ListArgs } from './list-args.js';

export interface NewsletterWhere {
  email?: StringMatch | null;
  storeId?: number | null;
  createdAt?: DateRange | null;
}

/**
 * The newsletter table, plus subscriptions tests embed in a customer (Customer.newsletterSubscriptions) that the
 * table does not hold, with the customer's email. Listed by id ascending, Centra's order without a sort [INF].
 */
export function findNewsletterSubscriptions(data: SimData, where: NewsletterWhere | null | undefined): SimNewsletterSignup[] {
  const w = where ?? {};
  const offset = data.utcOffsetMinutes;
  const embedded = data.customers
    .values()
    .flatMap((c) =>
      (c.newsletterSubscriptions ?? [])
        .filter((s) => !data.newsletterSubscriptions.has(s.id))
        .map((s): SimNewsletterSignup => ({ ...s, isActive: s.isActive ?? null, createdAt: s.createdAt ?? c.createdAt, email: s.email ?? c.email })),
    );
  const matches = allOf<SimNewsletterSignup>(
    [stringMatch(w.email), (s) => s.email],
    [equalTo(w.storeId), (s) => s.store?.id],
    [dateRange(w.createdAt, offset), (s) => s.createdAt],
  );
  return [...data.newsletterSubscriptions.values(), ...embedded].filter(matches).sort((a, b) => a.id - b.id);
}

export function listNewsletterSubscriptions(data: SimData, args: ListArgs<NewsletterWhere>, defaultLimit?: number): SimNewsletterSignup[] {
  return paginate(findNewsletterSubscriptions(data, args.where), args, defaultLimit);
}
