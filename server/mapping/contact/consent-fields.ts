import type { OmetriaContact } from '../../ometria/ometria-records.js';
import { definedOnly } from '../common/defined-only.js';
import { sameConsent, type ConsentState } from './consent-state.js';

/** OMETRIA_FORCE_OPTOUT / OMETRIA_FORCE_OPTIN: send `@force_optin` with opt-outs / opt-ins. */
export interface ForceOptions {
  forceOptOut: boolean;
  forceOptIn: boolean;
}

export type ContactConsentFields = Pick<OmetriaContact, 'marketing_optin' | 'timestamp_subscribed' | 'timestamp_unsubscribed' | '@force_optin'>;

/**
 * The contact's consent fields (docs/design.md O5). Sent only when they differ from what Ometria last learned
 * from us (`lastSent`): re-sending a forced opt-out on every attribute update would undo a later re-subscription
 * made in Ometria's preference centre. Unknown is NOT_SPECIFIED, without timestamps or force, and is never sent
 * over a known state. The timestamp is sent with the state so Ometria fires its (un)subscribe event.
 */
export function contactConsentFields(merged: ConsentState, force: ForceOptions, lastSent?: ConsentState): ContactConsentFields {
  if (lastSent && (sameConsent(merged, lastSent) || (merged.state === 'unknown' && lastSent.state !== 'unknown'))) return {};
  if (merged.state === 'in') {
    return definedOnly({
      marketing_optin: 'EXPLICITLY_OPTEDIN',
      timestamp_subscribed: merged.at,
      '@force_optin': force.forceOptIn ? true : undefined,
    });
  }
  if (merged.state === 'out') {
    return definedOnly({
      marketing_optin: 'EXPLICITLY_OPTEDOUT',
      timestamp_unsubscribed: merged.at,
      '@force_optin': force.forceOptOut ? true : undefined,
    });
  }
  return { marketing_optin: 'NOT_SPECIFIED' };
}
