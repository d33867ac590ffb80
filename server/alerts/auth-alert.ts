import { alertFingerprint, catalogueAlert } from './alert-catalogue.js';
import type { Alerter } from './alerter.js';

/**
 * The one alert per remote while it refuses our credentials: raised by every failed call (counted, not repeated),
 * cleared by a good one.
 *
 * The remote just answered a call with our credentials: the auth alert's condition has cleared. Call it only after
 * a call that succeeded, never at the end of a run that may have failed (issue 15: a persistent 401 is one alert
 * that stays open, not an opened/resolved pair per retry).
 */
export function resolveAuthAlert(alerter: Alerter, remote: 'Centra' | 'Ometria'): Promise<void> {
  return alerter.resolve(alertFingerprint('auth_failure', { remote }));
}

/** A call was refused with 401/403 (the classifiers decide). */
export function raiseAuthAlert(alerter: Alerter, remote: 'Centra' | 'Ometria', reason: string): Promise<void> {
  return alerter.raise(catalogueAlert('auth_failure', { remote, reason }));
}
