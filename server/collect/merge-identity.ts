import type { IdentifyData } from '../../shared/tracker-event-types.js';
import type { TrackerIdentity } from '../store/tracker-event-store.js';

/** Ometria's identity_email limit (OpenAPI CustomEvent): a longer address could never be sent. */
const MAX_EMAIL = 255;
/** Centra customer ids are positive integers; anything else cannot name a contact key (docs/design.md D1). */
const CUSTOMER_ID = /^[1-9]\d{0,15}$/;

/** The usable part of an identify call: a trimmed, lower-cased email and a numeric customer id; {} if neither. */
export function normaliseIdentify(data: IdentifyData): TrackerIdentity {
  const email = data.email?.trim().toLowerCase();
  const customerId = data.customerId?.trim();
  return {
    ...(email && email.length <= MAX_EMAIL ? { email } : {}),
    ...(customerId && CUSTOMER_ID.test(customerId) ? { customerId } : {}),
  };
}

/**
 * PURE: the visitor's identity after an identify call. Fields that agree (or fill a gap) merge, so an email
 * from a newsletter form and a customer id from a later login make one identity; a field that contradicts the
 * current one means someone else is on this browser (a shared computer), so the new call replaces it whole.
 * Returns undefined when the call carries nothing usable (the visitor stays as it was).
 */
export function mergeIdentity(current: TrackerIdentity | undefined, call: IdentifyData): TrackerIdentity | undefined {
  const next = normaliseIdentify(call);
  if (!next.email && !next.customerId) return undefined;
  if (!current) return next;
  const conflict =
    (next.email && current.email && next.email !== current.email) || (next.customerId && current.customerId && next.customerId !== current.customerId);
  return conflict ? next : { ...current, ...next };
}
