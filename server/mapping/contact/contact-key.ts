/**
 * Pure parts of the contact-key rule (docs/design.md D1). The store-backed allocation (one key per lower-cased
 * email, kept when the email changes) is done by the caller; these give the key's shape and the email match.
 */

/** The key for a Centra customer id: `c<id>`. No PII, stable, unique per Centra account. */
export function contactKeyFor(customerId: number): string {
  if (!Number.isSafeInteger(customerId) || customerId < 0) {
    throw new RangeError(`Centra customer id must be a non-negative integer, got ${customerId}`);
  }
  return `c${customerId}`;
}

/** The form emails are matched in: trimmed and lower-cased. Only for lookups; records keep the email as typed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
