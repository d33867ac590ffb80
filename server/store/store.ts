import { openDatabase, type Db, type OpenOptions } from './open-database.js';
import { createAlertStore } from './alert-store.js';
import { createContactKeyStore } from './contact-key-store.js';
import { createDeadLetterStore } from './dead-letter-store.js';
import { createDeliveryStore } from './delivery-store.js';
import { createFindingStore } from './finding-store.js';
import { createJobStore } from './job-store.js';
import { createCustomerHistoryStore } from './customer-history-store.js';
import { createConsentAuditStore } from './consent-audit-store.js';
import { createKvStore } from './kv-store.js';
import { createLedgerStore } from './ledger-store.js';
import { createLinkStore } from './link-store.js';
import { createPushLogStore } from './push-log-store.js';

/** The embedded store (SQLite under DATA_DIR) and its tables, one repository each. */
export function createStore(db: Db) {
  return {
    db,
    deliveries: createDeliveryStore(db),
    jobs: createJobStore(db),
    ledger: createLedgerStore(db),
    pushLog: createPushLogStore(db),
    deadLetters: createDeadLetterStore(db),
    contactKeys: createContactKeyStore(db),
    alerts: createAlertStore(db),
    kv: createKvStore(db),
    links: createLinkStore(db),
    findings: createFindingStore(db),
    customerHistory: createCustomerHistoryStore(db),
    consentAudit: createConsentAuditStore(db),
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
    close(): void {
      if (db.open) db.close();
    },
  };
}

export type Store = ReturnType<typeof createStore>;

export function openStore(dataDir: string, options: OpenOptions): Store {
  return createStore(openDatabase(dataDir, options));
}
