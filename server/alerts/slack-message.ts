import type { Alert } from '../store/alert-store.js';

/** One Slack `text`: what, about which entity, why, who acts and how. No emails: entities are ids. */
export function slackMessage(alert: Alert, change: 'opened' | 'resolved'): string {
  if (change === 'resolved') return `:white_check_mark: Resolved (${alert.team}): ${alert.message}`;
  const lines = [`:rotating_light: [${alert.team}] ${alert.message}`];
  if (alert.cause) lines.push(`Likely cause: ${alert.cause}`);
  if (alert.action) lines.push(`What to do: ${alert.action}`);
  return lines.join('\n');
}
