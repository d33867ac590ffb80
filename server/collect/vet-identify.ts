import type { IdentifyData } from '../../shared/tracker-event-types.js';
import type { IdentityPolicy } from './identity-policy.js';
import { verifyIdentityToken } from './identity-token.js';
import type { ContactKeyLookup } from '../jobs/tracker-events/ometria-identity.js';

export interface IdentifyVetting {
  policy: IdentityPolicy;
  /** TRACKER_IDENTITY_SECRET. */
  secret: string | undefined;
  keys: ContactKeyLookup;
  now: number;
}

/** `code` is the counter name (collect-counters.ts): not-attributed, unsigned, no-email, token-<reason>. */
export type VettedIdentify = { ok: true; data: IdentifyData } | { ok: false; code: string; reason: string };

const CUSTOMER_ID = /^[1-9]\d{0,15}$/;

/**
 * What of one identify call /collect may believe (issue 15.1). The token never goes further than here.
 * A signed call proves its email only; the customer id beside it is kept when our contact_keys already give that
 * customer the email's contact key (Centra's own data linked them), and dropped otherwise: a holder of a valid
 * token for their own email must not borrow another customer's contact by naming its id.
 */
export async function vetIdentify(data: IdentifyData, v: IdentifyVetting): Promise<VettedIdentify> {
  const { token, ...claim } = data;
  if (v.policy === 'not-attributed') {
    return {
      ok: false,
      code: 'not-attributed',
      reason: 'identify refused: TRACKER_IDENTITY_SECRET is not set, so no storefront event is attributed to a person',
    };
  }
  if (token !== undefined && v.secret) {
    if (!claim.email) return { ok: false, code: 'no-email', reason: 'identify token refused: it signs an email and the call carries none' };
    const check = verifyIdentityToken(v.secret, token, claim.email, v.now);
    if (!check.ok) return { ok: false, code: `token-${check.reason.replace(' ', '-')}`, reason: `identify token refused: ${check.reason}` };
    return { ok: true, data: { email: claim.email, ...((await sameContact(claim, v.keys)) ? { customerId: claim.customerId } : {}) } };
  }
  if (v.policy === 'unsigned-accepted') return { ok: true, data: claim };
  return { ok: false, code: 'unsigned', reason: 'identify refused: it needs a token signed by the storefront backend (identify({ email, token }))' };
}

async function sameContact(claim: IdentifyData, keys: ContactKeyLookup): Promise<boolean> {
  const id = claim.customerId?.trim();
  if (!id || !claim.email || !CUSTOMER_ID.test(id)) return false;
  const [byCustomer, byEmail] = await Promise.all([keys.forCustomer(Number(id)), keys.forEmail(claim.email.trim().toLowerCase())]);
  return byCustomer !== undefined && byCustomer === byEmail;
}
