import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { METRIC_PREFIX } from './metric-prefix.js';
import { LATE_SEND_MS } from '../remote/rate-limiter.js';
import { RATE_LIMITED_REMOTES, type Metrics } from './metrics.js';
import { registerStoreGauges, type GaugeSource } from './store-gauges.js';
import { onlyTenant } from './tenant-scrape.js';

/** A webhook is acknowledged once its delivery is on disk: milliseconds normally, seconds when the disk is slow. */
const ACK_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** A remote call, seconds: Centra and Ometria answer in under a second, a timeout is 30 s. */
const CALL_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Webhook → Ometria, seconds: seconds when all is well, hours while a remote is down (retries back off). */
const LAG_BUCKETS = [1, 2, 5, 10, 30, 60, 120, 300, 900, 1800, 3600, 4 * 3600, 24 * 3600];

/** The one registry of a process: every tenant's series, the process's default metrics and build info. */
export interface ProcessMetrics {
  /** The port the lower layers of one tenant are given (metrics.ts). */
  forTenant(tenant: string): Metrics;
  /** A tenant's store, read at scrape time for the gauges (jobs by state, lag, open dead letters, alerts, findings). */
  addGaugeSource(source: GaugeSource): void;
  /** The text exposition; with `tenant`, only that tenant's series and the process's own (a tenant's /metrics). */
  scrape(tenant?: string): Promise<{ contentType: string; body: string }>;
}

export interface ProcessMetricsOptions {
  /** The package version, for build_info. */
  version: string;
  /** Set in a single-tenant process: every series, process ones included, carries `tenant="<it>"`. */
  soleTenant?: string;
}

/**
 * Builds a process's registry: its own, never prom-client's global one, so two services in one test process (or
 * several tenants) do not collide. Default process metrics keep prom-client's standard names (process_*, nodejs_*),
 * which dashboards expect. In a multi-tenant process those and build_info belong to the process and carry no tenant.
 */
export function createProcessMetrics(options: ProcessMetricsOptions): ProcessMetrics {
  const registry = new Registry();
  if (options.soleTenant !== undefined) registry.setDefaultLabels({ tenant: options.soleTenant });
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  new Gauge({
    name: `${METRIC_PREFIX}build_info`,
    help: 'Always 1; the labels say which build runs on which Node.js.',
    labelNames: ['version', 'node'],
    registers,
  }).set({ version: options.version, node: process.version }, 1);

  const counter = (name: string, help: string, labelNames: string[]) =>
    new Counter({ name: `${METRIC_PREFIX}${name}`, help, labelNames: ['tenant', ...labelNames], registers });
  const histogram = (name: string, help: string, labelNames: string[], buckets: number[]) =>
    new Histogram({ name: `${METRIC_PREFIX}${name}`, help, labelNames: ['tenant', ...labelNames], buckets, registers });

  const webhooks = counter('webhook_deliveries_total', 'Webhook deliveries answered, by what intake decided.', ['outcome']);
  const ack = histogram('webhook_ack_seconds', 'Seconds from a webhook delivery arriving to its 200.', [], ACK_BUCKETS);
  const events = counter('events_total', 'Valid events received, by source (centra webhook, tracker /collect) and type.', ['source', 'type']);
  const centraRequests = counter('centra_requests_total', 'Centra Integration API requests, by GraphQL operation and outcome.', ['operation', 'outcome']);
  const centraSeconds = histogram('centra_request_seconds', 'Seconds a Centra request took (rate-limit waits excluded).', ['operation'], CALL_BUCKETS);
  const pushes = counter('ometria_pushes_total', 'Ometria /push calls, by record type and outcome.', ['type', 'outcome']);
  const records = counter('ometria_records_total', 'Records sent in Ometria /push calls, by record type and outcome of the call.', ['type', 'outcome']);
  const pushSeconds = histogram('ometria_push_seconds', 'Seconds an Ometria /push took (rate-limit waits excluded).', ['type'], CALL_BUCKETS);
  const lag = histogram(
    'webhook_to_ometria_seconds',
    "Seconds from an order's first queueing (its webhook's arrival) to the Ometria push that carried it.",
    [],
    LAG_BUCKETS,
  );
  const deadLetters = counter('dead_letters_total', 'Dead letters written, by job kind or record type.', ['kind']);
  const alerts = counter('alerts_raised_total', 'Alerts opened (repeats of an open alert not counted), by kind and owning team.', ['kind', 'team']);
  const rebooked = counter(
    'rate_slots_rebooked_total',
    `Sends that booked their rate-limit slot again: the send timer fired, or its booking ended, more than ${LATE_SEND_MS} ms after the slot, so the send gave it back and booked a new one.`,
    ['remote'],
  );
  const signatures = counter('webhook_signature_failures_total', 'Webhook deliveries refused (401) for their signature, by reason.', ['reason']);

  const sources: GaugeSource[] = [];
  registerStoreGauges(registry, () => sources);

  return {
    forTenant(tenant) {
      // Zero from the start: a rate() over a series that appears at its first increment misses that increment.
      webhooks.inc({ tenant, outcome: 'accepted' }, 0);
      for (const remote of RATE_LIMITED_REMOTES) rebooked.inc({ tenant, remote }, 0);
      return {
        webhookReceived: (outcome) => webhooks.inc({ tenant, outcome }),
        ackSeconds: (seconds) => ack.observe({ tenant }, seconds),
        eventsReceived: (source, type, n) => events.inc({ tenant, source, type }, n),
        centraRequest(operation, outcome, seconds) {
          centraRequests.inc({ tenant, operation, outcome });
          centraSeconds.observe({ tenant, operation }, seconds);
        },
        ometriaPush(type, outcome, n, seconds) {
          pushes.inc({ tenant, type, outcome });
          records.inc({ tenant, type, outcome }, n);
          pushSeconds.observe({ tenant, type }, seconds);
        },
        syncLagSeconds: (seconds) => lag.observe({ tenant }, seconds),
        deadLettered: (kind) => deadLetters.inc({ tenant, kind }),
        alertRaised: (kind, team) => alerts.inc({ tenant, kind, team }),
        signatureRefused: (reason, n = 1) => signatures.inc({ tenant, reason }, n),
        slotsRebooked: (remote, n) => {
          if (n > 0) rebooked.inc({ tenant, remote }, n);
        },
      };
    },
    addGaugeSource: (source) => void sources.push(source),
    async scrape(tenant) {
      const body = await registry.metrics();
      return { contentType: registry.contentType, body: tenant === undefined ? body : onlyTenant(body, tenant) };
    },
  };
}
