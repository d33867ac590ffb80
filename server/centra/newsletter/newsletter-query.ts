/**
 * The newsletter selections (issue 13, item 5). Validated against contracts/centra-integration.graphql by
 * test/centra-queries.test.ts; the names are guesses [INF]. Only what the consent decision needs is selected:
 * no store or country (Ometria stores are per market, and the customer sync owns `store_ids`).
 */
const NEWSLETTER_FIELDS = 'id email isActive createdAt productVariant { id } productSize { id }';

/**
 * Every subscription, one page. [INF] Centra lists them by id ascending when no sort is given (the filter has no
 * sort argument); the rolling sweep and the first full read rely on that order being stable.
 */
export const NEWSLETTER_SUBSCRIPTIONS_QUERY = `query NewsletterSubscriptions($limit: Int!, $page: Int!) {
  newsletterSubscriptions(limit: $limit, page: $page) { ${NEWSLETTER_FIELDS} }
}`;

/** Subscriptions created from `$since` on (both ends inclusive), one page: new sign-ups since the last poll. */
export const NEW_NEWSLETTER_SUBSCRIPTIONS_QUERY = `query NewNewsletterSubscriptions($since: DateTimeTz!, $limit: Int!, $page: Int!) {
  newsletterSubscriptions(where: { createdAt: { from: $since } }, limit: $limit, page: $page) { ${NEWSLETTER_FIELDS} }
}`;
