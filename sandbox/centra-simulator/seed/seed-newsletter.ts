import type { SimData } from '../data/sim-data.js';
import type { SimNewsletterSignup } from '../types/index.js';
import { SEED_IDS } from './seed-setup.js';

/**
 * A few subscriptions of each kind the poll must tell apart: newsletter-only sign-ups (one since unsubscribed) and a
 * back-in-stock request, which is no marketing consent. Dated in the days before `before` (default now).
 */
export function seedNewsletter(data: SimData, options: { before?: number } = {}): SimNewsletterSignup[] {
  const day = 86_400_000;
  const before = options.before ?? data.now().getTime();
  const store = { id: SEED_IDS.dtcStore };
  const variant = data.products.values()[0]?.variants[0]?.id ?? 1;
  const made = [
    data.newsletterSubscriptions.signUp('footer.reader@example.com', { createdAt: data.stamp(before - 3 * day), store }),
    data.newsletterSubscriptions.signUp('second.reader@example.com', { createdAt: data.stamp(before - 2 * day), store }),
    data.newsletterSubscriptions.signUp('size.watcher@example.com', { createdAt: data.stamp(before - day), store, productVariant: { id: variant } }),
  ];
  data.newsletterSubscriptions.deactivate(made[1]!.id);
  return made;
}
