import type { SimDate, SimRef } from './common.js';

/**
 * A NewsletterSubscription in its own table, as Centra keeps it: a footer sign-up has no customer and no webhook.
 * Field names are guesses in the SDL [INF]. A product variant or size makes it a back-in-stock request.
 */
export interface SimNewsletterSignup {
  id: number;
  email: string | null;
  isActive: boolean | null;
  createdAt: SimDate;
  country?: { id: number; code: string } | null;
  store?: SimRef | null;
  productVariant?: SimRef | null;
  productSize?: SimRef | null;
}
