/**
 * What the service counts and times for Prometheus, as one tenant sees it (docs/operations.md, "Metrics"). Lower
 * layers (Centra and Ometria clients, the webhook route, /collect, the alerter, dead letters) are given this port and
 * never import prom-client; server/metrics/prometheus-metrics.ts implements it. Every label value is from a short
 * fixed list (outcomes, record and event types, operation names): never an order number, an email or an id.
 */
export interface Metrics {
  /** One POST /webhooks/centra answered: `outcome` is what intake decided (webhook-outcome.ts). */
  webhookReceived(outcome: WebhookOutcome): void;
  /** Seconds from a webhook delivery's arrival to its 200 (stored, or acknowledged as a replay). */
  ackSeconds(seconds: number): void;
  /** `n` valid events received of `type`, from Centra's webhook or the storefront tracker's /collect. */
  eventsReceived(source: EventSource, type: string, n: number): void;
  /** One Integration API request: `operation` is the GraphQL operation name, `outcome` ok, partial or a failure kind. */
  centraRequest(operation: string, outcome: string, seconds: number): void;
  /** One POST /push of `records` records of `type`: `outcome` ok or a failure kind (server/remote/remote-errors.ts). */
  ometriaPush(type: string, outcome: string, records: number, seconds: number): void;
  /** Seconds from the first queueing of an order (its webhook's arrival) to the Ometria push that carried it. */
  syncLagSeconds(seconds: number): void;
  /** One dead letter written; `kind` is the job kind or record type it holds. */
  deadLettered(kind: string): void;
  /** One alert opened (a repeat of an open alert is not counted); `kind` is its catalogue kind. */
  alertRaised(kind: string, team: string): void;
  /** `n` (default 1) webhook deliveries refused (401) for their signature; 0 makes the series exist from the start. */
  signatureRefused(reason: string, n?: number): void;
  /** `n` re-bookings of one send, whose timer fired or booking ended too late for its slot (rate-limiter.ts, waitForSlot). */
  slotsRebooked(remote: RateLimitedRemote, n: number): void;
}

/** The remotes whose sends book rate-limit slots (the `remote` label of rate_slots_rebooked_total). */
export const RATE_LIMITED_REMOTES = ['centra', 'ometria'] as const;
export type RateLimitedRemote = (typeof RATE_LIMITED_REMOTES)[number];

/**
 * What intake decided about one delivery: `accepted` (stored), `duplicate` (a replayed signature, acknowledged),
 * `rejected_signature` (401), `rejected_body` (400), `rejected_content_type` (415), `rejected_size` (413),
 * `unavailable` (503, storage), `error` (500).
 */
export type WebhookOutcome =
  'accepted' | 'duplicate' | 'rejected_signature' | 'rejected_body' | 'rejected_content_type' | 'rejected_size' | 'unavailable' | 'error';

export type EventSource = 'centra' | 'tracker';

/** For code paths and tests that do not report metrics (CLI commands, unit tests). */
export const NO_METRICS: Metrics = {
  webhookReceived() {},
  ackSeconds() {},
  eventsReceived() {},
  centraRequest() {},
  ometriaPush() {},
  syncLagSeconds() {},
  deadLettered() {},
  alertRaised() {},
  signatureRefused() {},
  slotsRebooked() {},
};
