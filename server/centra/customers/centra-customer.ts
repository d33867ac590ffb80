import { z } from 'zod';

/**
 * A Centra customer as selected by CUSTOMER_FRAGMENT (customer-query.ts): the trust boundary for Integration API
 * customer data. Nullable where the SDL is nullable; unknown extra fields are dropped.
 * [INF] newsletter, newsletterSubscriptions and consents are guessed names (contracts/centra-integration.graphql):
 * they are optional here so the selection can drop one after a check on a live account without touching this.
 */
const ref = z.object({ id: z.number().int() }).nullish();

export const CentraAttributeSchema = z.object({
  type: z.object({ name: z.string() }),
  elements: z.array(
    z.object({
      key: z.string(),
      value: z.string().nullish(),
      selectedValue: z.string().nullish(),
      selectedValueName: z.string().nullish(),
    }),
  ),
});

export const CentraConsentSchema = z.object({
  key: z.string().nullish(),
  consented: z.boolean().nullish(),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
});

export const CentraNewsletterSubscriptionSchema = z.object({
  isActive: z.boolean().nullish(),
  createdAt: z.string().nullish(),
  /** Set for back-in-stock subscriptions, which are no marketing consent. */
  productVariant: ref,
});

export const CentraCustomerSchema = z.object({
  id: z.number().int(),
  email: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  gender: z.string().nullish(),
  phoneNumber: z.string().nullish(),
  isRegistered: z.boolean().nullish(),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
  billingAddress: z.object({ country: z.object({ code: z.string().nullish() }).nullish() }).nullish(),
  store: ref,
  market: ref,
  newsletter: z.boolean().nullish(),
  newsletterSubscriptions: z.array(CentraNewsletterSubscriptionSchema).optional(),
  consents: z.array(CentraConsentSchema).optional(),
  attributes: z.array(CentraAttributeSchema).optional(),
});

export type CentraCustomer = z.infer<typeof CentraCustomerSchema>;
export type CentraConsent = z.infer<typeof CentraConsentSchema>;
export type CentraNewsletterSubscription = z.infer<typeof CentraNewsletterSubscriptionSchema>;
export type CentraAttribute = z.infer<typeof CentraAttributeSchema>;
