import type { Logger } from '../log/logger.js';
import { NO_METRICS, type Metrics } from '../metrics/metrics.js';
import type { AlertStore, Team } from '../store/alert-store.js';
import type { AlertKind, CatalogueAlert } from './alert-catalogue.js';
import { slackMessage, slackSafe } from './slack-message.js';

export interface AlerterDeps {
  alerts: AlertStore;
  logger: Logger;
  now: () => number;
  /** Slack-compatible incoming webhook (ALERT_WEBHOOK_URL); undefined = dashboard only. */
  webhookUrl?: string;
  fetch?: typeof fetch;
  /** ALERT_TEAMS: alert kind → the team that owns it, over the owner each alert names. */
  teams?: Readonly<Partial<Record<AlertKind, Team>>>;
  /** The tenant (issue 9), put before each message so a channel shared by several brands says whose it is. */
  label?: string;
  /** Counts the alerts opened (alerts_raised_total). */
  metrics?: Metrics;
}

/** Raises deduplicated alerts: stored first (the dashboard shows them), then sent once when opened. */
export function createAlerter(deps: AlerterDeps) {
  const metrics = deps.metrics ?? NO_METRICS;
  const send = async (text: string): Promise<void> => {
    if (!deps.webhookUrl) return;
    try {
      const res = await (deps.fetch ?? fetch)(deps.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: deps.label ? `[${slackSafe(deps.label)}] ${text}` : text }),
        signal: AbortSignal.timeout(5_000),
      });
      if (!res.ok) deps.logger.warn({ status: res.status }, 'alert webhook refused the alert');
    } catch (error) {
      deps.logger.warn({ err: error }, 'alert webhook unreachable');
    }
  };
  return {
    /** Only catalogue alerts (alert-catalogue.ts): their words and owners are listed in one place. */
    async raise(input: CatalogueAlert): Promise<void> {
      const team = deps.teams?.[input.kind] ?? input.team;
      const { alert, opened } = await deps.alerts.raise({ ...input, team }, deps.now());
      if (!opened) return;
      metrics.alertRaised(alert.kind, alert.team);
      deps.logger.warn({ alert: { kind: alert.kind, entity: alert.entity, team: alert.team } }, alert.message);
      // Not awaited: the raiser never waits for Slack. The mark is best effort (a full disk must not crash us).
      void send(slackMessage(alert, 'opened'))
        .then(() => deps.alerts.markNotified(alert.id, deps.now()))
        .catch((error: unknown) => deps.logger.warn({ err: error }, 'could not record that the alert was sent'));
    },
    async resolve(fingerprint: string): Promise<void> {
      const alert = await deps.alerts.resolve(fingerprint, deps.now());
      if (!alert) return;
      deps.logger.info({ alert: { kind: alert.kind, entity: alert.entity } }, `resolved: ${alert.message}`);
      void send(slackMessage(alert, 'resolved'));
    },
  };
}

export type Alerter = ReturnType<typeof createAlerter>;
