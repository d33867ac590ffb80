import type { Config } from './load-config.js';
import { NEWSLETTER_OVERLAP_MS, NEWSLETTER_PAGE_SIZE, type NewsletterPollSettings } from '../jobs/newsletter/newsletter-poll.js';

/** The poll's settings from the configuration; the page size and overlap are fixed (newsletter-poll.ts). */
export function newsletterPollSettings(config: Pick<Config, 'NEWSLETTER_SWEEP_PAGES'>): NewsletterPollSettings {
  return { pageSize: NEWSLETTER_PAGE_SIZE, sweepPages: config.NEWSLETTER_SWEEP_PAGES, overlapMs: NEWSLETTER_OVERLAP_MS };
}

/** CONSENT_MAPPING's `useNewsletterSubscriptions: false` turns the poll off: subscriptions are then not consent. */
export function newsletterPollEnabled(config: Pick<Config, 'customers'>): boolean {
  return config.customers.consent.useNewsletterSubscriptions;
}
