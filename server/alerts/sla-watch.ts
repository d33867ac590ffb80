import type { Alerter } from './alerter.js';
import type { Store } from '../store/store.js';

/**
 * Orders whose webhook arrived more than `slaSeconds` ago and are not in Ometria yet raise one alert each,
 * resolved when the order is delivered (issue 7). Also one alert while the Centra token is near its expiry.
 */
export async function checkSla(store: Store, alerter: Alerter, options: { slaSeconds: number; now: number; tokenExpiresAt?: number }): Promise<number> {
  const late = await store.sql.all<{ entity_key: string; first_queued_at: number; state: string; last_error: string | null }>(`
    SELECT entity_key, first_queued_at, state, last_error FROM jobs
    WHERE kind = 'order' AND state IN ('pending', 'running', 'blocked') AND first_queued_at < ?`, [options.now - options.slaSeconds * 1000]);
  const lateKeys = new Set(late.map((j) => j.entity_key));
  for (const job of late) {
    const minutes = Math.round((options.now - job.first_queued_at) / 60_000);
    await alerter.raise({
      fingerprint: `sla:order:${job.entity_key}`,
      kind: 'sla_breach',
      entity: `order ${job.entity_key}`,
      team: 'ecommerce',
      message: `order ${job.entity_key} is not in Ometria ${minutes} min after its webhook (SLA ${options.slaSeconds} s)${job.last_error ? `: ${job.last_error}` : ''}`,
      cause: 'Centra or Ometria is failing or rate-limiting us, or the order is held in Centra.',
      action: 'Check /status for the order\'s last error; post-purchase emails for it are delayed until it arrives.',
    });
  }
  for (const alert of await store.alerts.listOpen()) {
    if (alert.kind === 'sla_breach' && !lateKeys.has(alert.fingerprint.slice('sla:order:'.length))) await alerter.resolve(alert.fingerprint);
  }
  if (options.tokenExpiresAt !== undefined) {
    const days = Math.floor((options.tokenExpiresAt - options.now) / 86_400_000);
    if (days <= 7) {
      await alerter.raise({
        fingerprint: 'centra-token-expiry',
        kind: 'token_expiry',
        entity: 'Centra Integration API token',
        team: 'ecommerce',
        message: days < 0 ? 'the Centra Integration API token has expired: syncing stops' : `the Centra Integration API token expires in ${days} day(s)`,
        cause: 'Integration API tokens expire (30 days by default).',
        action: 'Create a new token in Centra (AMS → System → API Tokens), set CENTRA_API_TOKEN and CENTRA_TOKEN_EXPIRES_AT, restart.',
      });
    } else await alerter.resolve('centra-token-expiry');
  }
  return late.length;
}
