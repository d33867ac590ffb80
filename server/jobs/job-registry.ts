import type { Config } from '../config/load-config.js';
import type { KindHandler } from '../worker/worker.js';
import { shipmentJob, returnJob } from './after-sale/after-sale-job.js';
import { customerJob } from './customers/customers-job.js';
import type { JobDefinition, JobDeps } from './job-definition.js';
import type { JobKind } from './job-kinds.js';
import { newsletterJob } from './newsletter/newsletter-job.js';
import { orderJob } from './orders/orders-job.js';
import { productJob } from './products/products-job.js';
import { collectJob } from './tracker-events/tracker-events-job.js';

/**
 * Every job kind's batch size and handler, once; job-kinds.ts holds the kinds and the webhook events routed to
 * them. The order is the worker's within one cycle: shipments and returns come first, so the order jobs they
 * queue run in the same cycle.
 */
export const JOB_REGISTRY: Readonly<Record<JobKind, JobDefinition>> = {
  shipment: shipmentJob,
  return: returnJob,
  order: orderJob,
  customer: customerJob,
  collect: collectJob,
  newsletter: newsletterJob,
  product: productJob,
};

export interface JobHandlers {
  /** What the worker runs, in the registry's order; a kind this deployment does not run is absent. */
  handlers: Partial<Record<JobKind, KindHandler>>;
  /** The kinds in `handlers`: intake queues their webhooks, and keeps the others' pending. */
  handledKinds: ReadonlySet<JobKind>;
}

export function createJobHandlers(config: Readonly<Config>, deps: JobDeps): JobHandlers {
  const handlers: Partial<Record<JobKind, KindHandler>> = {};
  for (const [kind, job] of Object.entries(JOB_REGISTRY) as Array<[JobKind, JobDefinition]>) {
    const handle = job.handler(deps);
    if (handle) handlers[kind] = { handle, batchSize: job.batchSize(config) };
  }
  return { handlers, handledKinds: new Set(Object.keys(handlers) as JobKind[]) };
}
