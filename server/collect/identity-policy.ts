import type { Config } from '../config/load-config.js';

/**
 * How /collect treats identify calls (issue 15.1), shown on /status as `collect.identity`:
 * - `signed`: only a valid, unexpired token (identity-token.ts) attributes events to a person;
 * - `unsigned-accepted`: any claim is believed (TRACKER_ACCEPT_UNSIGNED_IDENTITY, the sandbox's default); a token
 *   that is present is still checked when TRACKER_IDENTITY_SECRET is set;
 * - `not-attributed`: production without a secret: identify is refused, so no event reaches anyone's contact.
 */
export type IdentityPolicy = 'signed' | 'unsigned-accepted' | 'not-attributed';

export function identityPolicy(config: Pick<Config, 'TRACKER_IDENTITY_SECRET' | 'TRACKER_ACCEPT_UNSIGNED_IDENTITY'>): IdentityPolicy {
  if (config.TRACKER_ACCEPT_UNSIGNED_IDENTITY) return 'unsigned-accepted';
  return config.TRACKER_IDENTITY_SECRET ? 'signed' : 'not-attributed';
}

/** The start-up warning for a policy that is not `signed`; undefined when there is nothing to warn about. */
export function identityPolicyWarning(policy: IdentityPolicy, mode: Config['mode']): string | undefined {
  if (policy === 'not-attributed') {
    return 'TRACKER_IDENTITY_SECRET is not set: /collect refuses identify calls, so storefront events reach no Ometria contact. Set it and sign identify tokens in the storefront backend (docs/security.md, "Signed identity").';
  }
  if (policy === 'unsigned-accepted' && mode === 'production') {
    return 'TRACKER_ACCEPT_UNSIGNED_IDENTITY=true: /collect believes any identify claim, so anyone can send events as any shopper. Set TRACKER_IDENTITY_SECRET and sign identify tokens instead.';
  }
  return undefined;
}
