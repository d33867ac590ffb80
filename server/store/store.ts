import { createAlertStore, type AlertStore } from './alert-store.js';
import { createConsentAuditStore, type ConsentAuditStore } from './consent-audit-store.js';
import { createContactKeyStore, type ContactKeyStore } from './contact-key-store.js';
import { createCustomerHistoryStore, type CustomerHistoryStore } from './customer-history-store.js';
import { createDeadLetterStore, type DeadLetterStore } from './dead-letter-store.js';
import { createDeliveryStore, type DeliveryStore } from './delivery-store.js';
import { createFindingStore, type FindingStore } from './finding-store.js';
import { createJobStore, type JobStore } from './job-store.js';
import { createKvStore, type KvStore } from './kv-store.js';
import { createLedgerStore, type LedgerStore } from './ledger-store.js';
import { createLinkStore, type LinkStore } from './link-store.js';
import { createPushLogStore, type PushLogStore } from './push-log-store.js';
import { createRateSlotStore, type RateSlotStore } from './rate-slot-store.js';
import { createRetentionStore, type RetentionStore } from './retention-store.js';
import { createRowCountStore, type RowCountStore } from './row-count-store.js';
import type { Dialect, Sql } from './sql/sql.js';
import { createTrackerEventStore, type TrackerEventStore } from './tracker-event-store.js';

/** The store (SQLite under DATA_DIR, or PostgreSQL shared by replicas) and its tables, one repository each. */
export interface Store {
  /** For the few raw reads outside the repositories; dialect-neutral SQL only. */
  readonly sql: Sql;
  readonly dialect: Dialect;
  readonly deliveries: DeliveryStore;
  readonly jobs: JobStore;
  readonly ledger: LedgerStore;
  readonly pushLog: PushLogStore;
  readonly deadLetters: DeadLetterStore;
  readonly contactKeys: ContactKeyStore;
  readonly alerts: AlertStore;
  readonly kv: KvStore;
  readonly links: LinkStore;
  readonly findings: FindingStore;
  readonly customerHistory: CustomerHistoryStore;
  readonly consentAudit: ConsentAuditStore;
  readonly trackerEvents: TrackerEventStore;
  readonly rateSlots: RateSlotStore;
  /** Batched deletes of rows past their retention (issue 15). */
  readonly retention: RetentionStore;
  /** Trigger-kept row counts of the large tables. */
  readonly rowCounts: RowCountStore;
  /**
   * Runs `fn` in one transaction: it commits when `fn` resolves, rolls back when it rejects. Inside, use only
   * `tx`; the outer store waits for the transaction to end (SQLite) or is another connection (PostgreSQL).
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Cheap liveness probe for /healthz. */
  ping(): Promise<boolean>;
}

/** The repositories over `sql`; opening, migrating and choosing the engine is openStore's (open-store.ts). */
export function createStore(sql: Sql): Store {
  return {
    sql,
    dialect: sql.dialect,
    deliveries: createDeliveryStore(sql),
    jobs: createJobStore(sql),
    ledger: createLedgerStore(sql),
    pushLog: createPushLogStore(sql),
    deadLetters: createDeadLetterStore(sql),
    contactKeys: createContactKeyStore(sql),
    alerts: createAlertStore(sql),
    kv: createKvStore(sql),
    links: createLinkStore(sql),
    findings: createFindingStore(sql),
    customerHistory: createCustomerHistoryStore(sql),
    consentAudit: createConsentAuditStore(sql),
    trackerEvents: createTrackerEventStore(sql),
    rateSlots: createRateSlotStore(sql),
    retention: createRetentionStore(sql),
    rowCounts: createRowCountStore(sql),
    transaction: (fn) => sql.transaction((tx) => fn(createStore(tx))),
    close: () => sql.close(),
    ping: () => sql.ping(),
  };
}
