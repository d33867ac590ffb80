import type { WebhookOutcome } from '../metrics/metrics.js';

/**
 * What intake decided about a delivery, told by the status it was answered with; a 200 says itself whether it
 * stored the delivery or acknowledged a replay (webhook-route.ts). The checks' order is docs/design.md D17's.
 */
export function webhookOutcome(status: number, replayed: boolean): WebhookOutcome {
  if (status === 200) return replayed ? 'duplicate' : 'accepted';
  if (status === 401) return 'rejected_signature';
  if (status === 400) return 'rejected_body';
  if (status === 415) return 'rejected_content_type';
  if (status === 413) return 'rejected_size';
  if (status === 503) return 'unavailable';
  return 'error';
}
