import { encodeWebhookBody, signCentraWebhook } from '../sandbox/centra-simulator/index.js';

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/**
 * A new signed delivery of `events` order events at every call, as Centra sends them: one signature sent twice
 * is a replay, acknowledged without being stored (issue 15), so a load of one repeated delivery would measure
 * the replay path, not intake. Order numbers cycle through a million, so most deliveries open a new job.
 */
export function signedDeliveries(events: number, secret: string): () => SignedRequest {
  let next = 0;
  return () => {
    const body = encodeWebhookBody({
      events: Array.from({ length: events }, () => ({ type: 'order', action: 'update', date: '2024-06-03 16:00:00.000000', id: 1000 + (next++ % 1_000_000) })),
    });
    return {
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-centra-signature': signCentraWebhook(body, secret, Math.floor(Date.now() / 1000)) },
    };
  };
}
