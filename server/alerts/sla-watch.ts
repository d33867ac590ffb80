import { alertFingerprint, catalogueAlert } from './alert-catalogue.js';
import type { Alerter } from './alerter.js';
import type { Store } from '../store/store.js';

/** The one SLA alert's fingerprint: late orders are listed in it, never an alert each (issue 15). */
export const SLA_FINGERPRINT = alertFingerprint('sla_breach');
/** Late order numbers named in the alert's message; the rest are counted (all of them are on /status). */
export const SLA_LISTED_ORDERS = 20;

/**
 * Orders whose webhook arrived more than `slaSeconds` ago and are not in Ometria yet raise ONE alert naming how
 * many and the oldest `SLA_LISTED_ORDERS` numbers; while open it is updated on each check (message and details,
 * no new Slack message), and it resolves when no order is late (issue 7, grouped by issue 15: an outage is one
 * message, not one per order). Also one alert while the Centra token is near its expiry.
 */
export async function checkSla(store: Store, alerter: Alerter, options: { slaSeconds: number; now: number; tokenExpiresAt?: number }): Promise<number> {
  // Counted, and only the oldest few read: an outage with a large backlog costs two indexed queries, not a list.
  const where = `kind = 'order' AND state IN ('pending', 'running', 'blocked') AND first_queued_at < ?`;
  const since = [options.now - options.slaSeconds * 1000];
  const count = (await store.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM jobs WHERE ${where}`, since))?.n ?? 0;
  const late =
    count === 0
      ? []
      : await store.sql.all<{ entity_key: string; first_queued_at: number; last_error: string | null }>(
          `SELECT entity_key, first_queued_at, last_error FROM jobs WHERE ${where} ORDER BY first_queued_at, id LIMIT ?`,
          [...since, SLA_LISTED_ORDERS],
        );
  if (late.length > 0) {
    const oldestMinutes = Math.round((options.now - late[0]!.first_queued_at) / 60_000);
    const lastError = late.find((j) => j.last_error)?.last_error;
    await alerter.raise(
      catalogueAlert('sla_breach', { count, orders: late.map((j) => j.entity_key), oldestMinutes, slaSeconds: options.slaSeconds, lastError }),
    );
  } else await alerter.resolve(SLA_FINGERPRINT);
  // Alerts of the per-order kind, left open by an earlier version: their condition is now the grouped alert's.
  for (const alert of await store.alerts.listOpen()) {
    if (alert.kind === 'sla_breach' && alert.fingerprint !== SLA_FINGERPRINT) await alerter.resolve(alert.fingerprint);
  }
  if (options.tokenExpiresAt !== undefined) {
    const days = Math.floor((options.tokenExpiresAt - options.now) / 86_400_000);
    if (days <= 7) {
      await alerter.raise(catalogueAlert('token_expiry', { days }));
    } else await alerter.resolve(alertFingerprint('token_expiry'));
  }
  return count;
}
