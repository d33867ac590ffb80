/** Which Centra data means marketing email consent (CONSENT_MAPPING; docs/customers.md). */
export interface ConsentConfig {
  /** Keys of `Customer.consents[]` that mean marketing email consent, compared trimmed and case-insensitively. */
  consentKeys: string[];
  /** Whether the customer-level `newsletter` flag counts. */
  useNewsletterFlag: boolean;
  /** Whether `newsletterSubscriptions` (other than back-in-stock ones) count. */
  useNewsletterSubscriptions: boolean;
}

/** [INF] Consent key names are not documented for the Integration API: these are common ones, to be checked. */
export const DEFAULT_CONSENT_CONFIG: ConsentConfig = {
  consentKeys: ['newsletter', 'marketing', 'email_marketing'],
  useNewsletterFlag: true,
  useNewsletterSubscriptions: true,
};
