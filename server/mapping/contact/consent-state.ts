import { toUtcIso } from '../common/to-utc-iso.js';
import type { ConsentState, ConsentValue } from '../../store/consent-audit-store.js';

export type { ConsentState, ConsentValue };

/** A state without undefined keys: states are stored, compared and shown in the audit as they are. */
export function consentState(state: ConsentValue, at: string | undefined, source: string, customerId: number): ConsentState {
  return at === undefined ? { state, source, customerId } : { state, at, source, customerId };
}

/** The state when nothing says anything. */
export const NO_CONSENT: ConsentState = { state: 'unknown', source: 'none' };

/** A Centra date as UTC ISO, or undefined when missing or unreadable: an undated state, never a guessed date. */
export function consentTime(value: string | null | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  try {
    return toUtcIso(value);
  } catch {
    return undefined;
  }
}

/** Milliseconds since the epoch, undefined when undated. */
export function timeOf(state: ConsentState): number | undefined {
  const ms = state.at === undefined ? NaN : Date.parse(state.at);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Same decision at the same instant: what Ometria would hold is unchanged. The source does not matter. */
export function sameConsent(a: ConsentState, b: ConsentState): boolean {
  return a.state === b.state && timeOf(a) === timeOf(b);
}
