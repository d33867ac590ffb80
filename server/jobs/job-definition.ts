import type { CatalogueConfig } from '../config/catalogue-config.js';
import type { Config } from '../config/load-config.js';
import type { PushClient } from '../ometria/push-client.js';
import type { Handler } from '../worker/worker.js';
import type { SyncContext } from './sync-context.js';

/** What a kind's handler may be built from; runtime.ts builds it once per process. */
export interface JobDeps {
  ctx: SyncContext;
  /** Ometria pushes for storefront events, held to their share of the push rate (TRACKER_PUSH_SHARE). */
  trackerOmetria: PushClient;
  /** undefined without CATALOGUE_STORES. */
  catalogue: CatalogueConfig | undefined;
}

/** How the worker runs one job kind; each jobs/<kind>/ entry file exports one, job-registry.ts lists them. */
export interface JobDefinition {
  /** At most this many jobs are claimed for one handler call. */
  batchSize: (config: Readonly<Config>) => number;
  /** undefined when this deployment's config does not run the kind: its jobs and webhooks stay pending until one does. */
  handler: (deps: JobDeps) => Handler | undefined;
}
