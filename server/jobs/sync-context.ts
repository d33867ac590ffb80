import type { Alerter } from '../alerts/alerter.js';
import type { CentraClient } from '../centra/centra-client.js';
import type { OrderBatchSizer } from '../centra/orders/order-batch-size.js';
import type { UnknownValueRecorder } from '../centra/unknown-values.js';
import type { Logger } from '../log/logger.js';
import type { Metrics } from '../metrics/metrics.js';
import type { TrackingUrlFor } from '../mapping/order/tracking-url.js';
import type { CustomerConfig } from '../config/customer-config.js';
import type { PushClient } from '../ometria/push-client.js';
import type { Store } from '../store/store.js';

/** What every sync handler is given; main.ts builds it, tests build their own. */
export interface SyncContext {
  store: Store;
  centra: CentraClient;
  ometria: PushClient;
  alerter: Alerter;
  logger: Logger;
  now: () => number;
  random: () => number;
  storeMap: Readonly<Record<string, string>>;
  /** OMETRIA_STORE_MAP_OPTIONAL: an order the map does not cover is sent without a store, not dead-lettered. */
  storeMapOptional: boolean;
  contactCollection: string;
  /** How long an order that is held or not found is retried, ms (docs/design.md D14). */
  notFoundGiveUpMs: number;
  /** Orders per Integration API request (docs/design.md D12), lowered to fit Centra's complexity quota (read on each use). */
  readonly centraBatchSize: number;
  /** Learns each order request's complexity cost; decides centraBatchSize. */
  orderBatch: OrderBatchSizer;
  /** Carrier → tracking URL for shipment properties and events. */
  trackingUrl: TrackingUrlFor;
  /** Consent mapping, attribute map and segmentation rules. */
  customers: CustomerConfig;
  /** Centra values centra-vocabulary.ts does not know, reported once each. */
  unknownValues: UnknownValueRecorder;
  /** Dead letters and the webhook → Ometria lag (metrics.ts); the clients count their own calls. */
  metrics: Metrics;
}
