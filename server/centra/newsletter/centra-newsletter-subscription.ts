import { z } from 'zod';

/**
 * A Centra NewsletterSubscription as NEWSLETTER_FIELDS selects it: the trust boundary for newsletter data.
 * [INF] Every name is a guess (contracts/centra-integration.graphql) and the service may drop a field a live schema
 * lacks, so everything but `id` and `email` may be missing; unknown extra fields are dropped.
 */
const ref = z.object({ id: z.number().int() }).nullish();

export const CentraNewsletterSignupSchema = z.object({
  id: z.number().int().nonnegative(),
  email: z.string(),
  isActive: z.boolean().nullish(),
  createdAt: z.string().nullish(),
  /** Set (either of the two) for back-in-stock subscriptions, which are no marketing consent. */
  productVariant: ref,
  productSize: ref,
});

export type CentraNewsletterSignup = z.infer<typeof CentraNewsletterSignupSchema>;

/** [INF] A subscription naming a product variant or size is a back-in-stock request, not marketing consent. */
export function isBackInStock(subscription: CentraNewsletterSignup): boolean {
  return subscription.productVariant != null || subscription.productSize != null;
}

/**
 * Whether the answer can tell a back-in-stock request from a newsletter sign-up: not when it carries neither
 * `productVariant` nor `productSize` (a live schema without both, so the selection dropped them). Such a row says
 * nothing: opting someone in who only asked to hear about a size would be worse than missing a sign-up.
 */
export function canTellBackInStock(subscription: CentraNewsletterSignup): boolean {
  return subscription.productVariant !== undefined || subscription.productSize !== undefined;
}
