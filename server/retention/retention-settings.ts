import type { Config } from '../config/load-config.js';

const DAY_MS = 86_400_000;

/** How long each kind of row is kept, ms (docs/security.md, "Retention"). */
export interface RetentionSettings {
  webhookBodyMs: number;
  doneJobMs: number;
  pushLogMs: number;
  trackerEventMs: number;
  /** Replayed dead letters, resolved findings and alerts, dead jobs, reconciliation runs. */
  resolvedMs: number;
}

export function retentionSettings(
  config: Pick<
    Config,
    'RETENTION_WEBHOOK_BODY_DAYS' | 'RETENTION_DONE_JOB_DAYS' | 'RETENTION_PUSH_LOG_DAYS' | 'RETENTION_TRACKER_EVENT_DAYS' | 'RETENTION_RESOLVED_DAYS'
  >,
): RetentionSettings {
  return {
    webhookBodyMs: config.RETENTION_WEBHOOK_BODY_DAYS * DAY_MS,
    doneJobMs: config.RETENTION_DONE_JOB_DAYS * DAY_MS,
    pushLogMs: config.RETENTION_PUSH_LOG_DAYS * DAY_MS,
    trackerEventMs: config.RETENTION_TRACKER_EVENT_DAYS * DAY_MS,
    resolvedMs: config.RETENTION_RESOLVED_DAYS * DAY_MS,
  };
}
