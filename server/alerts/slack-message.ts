import { redactText } from '../log/redact.js';
import type { Alert } from '../store/alert-store.js';

/** One Slack `text`: what, about which entity, why, who acts and how. No emails: entities are ids. */
export function slackMessage(alert: Alert, change: 'opened' | 'resolved'): string {
  const message = slackSafe(alert.message);
  if (change === 'resolved') return `:white_check_mark: Resolved (${alert.team}): ${message}`;
  const lines = [`:rotating_light: [${alert.team}] ${message}`];
  if (alert.cause) lines.push(`Likely cause: ${slackSafe(alert.cause)}`);
  if (alert.action) lines.push(`What to do: ${slackSafe(alert.action)}`);
  return lines.join('\n');
}

/**
 * Text from anywhere (a remote's error body, a webhook's event type, a Centra field) made inert for Slack: emails
 * masked, then `&`, `<` and `>` escaped as Slack asks (api.slack.com, "Escaping text"), so `<!channel>`, `<@U…>`
 * or `<https://evil|click>` inside an alert shows as text instead of pinging everyone or hiding a link.
 */
export function slackSafe(text: string): string {
  return redactText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
