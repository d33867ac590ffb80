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
  return alerter.resolve(authFingerprint(remote));
}

const authFingerprint = (remote: 'Centra' | 'Ometria') => `auth:${remote}`;

/** A call was refused with 401/403 (the classifiers decide). */
export function raiseAuthAlert(alerter: Alerter, remote: 'Centra' | 'Ometria', reason: string): Promise<void> {
  return alerter.raise({
    fingerprint: authFingerprint(remote),
    kind: 'auth_failure',
    entity: `${remote} credentials`,
    team: 'ecommerce',
    message: `${remote} refused our credentials: ${reason}. Nothing is lost; syncing waits until they work.`,
    cause: remote === 'Centra' ? 'The Integration API token expired, was revoked or lacks a permission.' : 'The Ometria API key was revoked or mistyped.',
    action: remote === 'Centra' ? 'Create a new Integration API token in Centra (AMS → System → API Tokens) and set CENTRA_API_TOKEN.' : 'Create a key in Ometria (Settings → API Keys) and set OMETRIA_API_KEY.',
  });
}
