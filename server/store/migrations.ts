/**
 * Versioned schema: migration N brings PRAGMA user_version from N-1 to N. Append only; never edit a shipped one.
 * Times are Unix milliseconds.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    received_at INTEGER NOT NULL,
    signature_t INTEGER,
    shape TEXT NOT NULL,
    raw_body BLOB NOT NULL,
    event_count INTEGER NOT NULL,
    summary TEXT NOT NULL
  );
  -- Only events that did not become a job (pending, ignored, rejected) get a row: queued ones are in the raw
  -- body and the summary, which keeps intake to one insert per delivery plus one upsert per entity.
  CREATE TABLE delivery_events (
    id INTEGER PRIMARY KEY,
    delivery_id INTEGER NOT NULL REFERENCES deliveries(id),
    type TEXT NOT NULL,
    action TEXT,
    entity_id TEXT,
    state TEXT NOT NULL CHECK (state IN ('queued', 'pending', 'ignored', 'rejected')),
    reason TEXT
  );
  CREATE INDEX delivery_events_state ON delivery_events(state, type);
  CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'blocked', 'done', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    run_at INTEGER NOT NULL,
    locked_until INTEGER,
    last_error TEXT,
    dirty INTEGER NOT NULL DEFAULT 0,
    blocked_on TEXT,
    first_queued_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    finished_at INTEGER
  );
  CREATE UNIQUE INDEX jobs_active ON jobs(kind, entity_key) WHERE state IN ('pending', 'running', 'blocked');
  CREATE INDEX jobs_due ON jobs(state, kind, run_at);
  CREATE TABLE ledger (
    record_type TEXT NOT NULL,
    record_id TEXT NOT NULL,
    hash TEXT NOT NULL,
    pushed_at INTEGER NOT NULL,
    push_count INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (record_type, record_id)
  ) WITHOUT ROWID;
  CREATE TABLE push_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    record_type TEXT NOT NULL,
    records INTEGER NOT NULL,
    status INTEGER,
    request_id TEXT,
    accepted INTEGER,
    rejected INTEGER,
    error TEXT
  );
  CREATE TABLE dead_letters (
    id INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    job_kind TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    record_type TEXT,
    record_id TEXT,
    record TEXT,
    reason TEXT NOT NULL,
    response TEXT,
    occurrences INTEGER NOT NULL DEFAULT 1,
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'replayed')),
    replayed_at INTEGER
  );
  CREATE INDEX dead_letters_state ON dead_letters(state, job_kind);
  CREATE TABLE contact_keys (
    kind TEXT NOT NULL CHECK (kind IN ('email', 'customer')),
    value TEXT NOT NULL,
    contact_key TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (kind, value)
  ) WITHOUT ROWID;
  CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    kind TEXT NOT NULL,
    entity TEXT NOT NULL,
    team TEXT NOT NULL,
    message TEXT NOT NULL,
    cause TEXT,
    action TEXT,
    details TEXT,
    state TEXT NOT NULL CHECK (state IN ('open', 'resolved')),
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    occurrences INTEGER NOT NULL DEFAULT 1,
    resolved_at INTEGER,
    notified_at INTEGER
  );
  CREATE UNIQUE INDEX alerts_open ON alerts(fingerprint) WHERE state = 'open';
  CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  -- What reconciliation found: one open finding per kind and entity; repairs and resolutions are timestamped.
  CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    entity TEXT NOT NULL,
    team TEXT NOT NULL,
    detail TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'repaired', 'resolved')),
    repair TEXT NOT NULL CHECK (repair IN ('auto', 'manual')),
    found_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    repaired_at INTEGER,
    resolved_at INTEGER
  );
  CREATE UNIQUE INDEX findings_active ON findings(kind, entity) WHERE state IN ('open', 'repaired');
  CREATE TABLE reconcile_runs (
    id INTEGER PRIMARY KEY,
    scope TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    checked INTEGER NOT NULL DEFAULT 0,
    findings INTEGER NOT NULL DEFAULT 0,
    error TEXT
  );
  -- Which order a shipment or return belongs to, learnt when the order was synced: a deleted return can no
  -- longer be fetched, but its order must be re-pushed without it.
  CREATE TABLE entity_links (
    kind TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    order_number TEXT NOT NULL,
    PRIMARY KEY (kind, entity_id)
  ) WITHOUT ROWID;
  -- The newest Centra timestamp of each entity we pushed: an older fetched state is never pushed over it.
  CREATE TABLE source_versions (
    kind TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    version TEXT NOT NULL,
    PRIMARY KEY (kind, entity_key)
  ) WITHOUT ROWID;
  `,
  // 2: customers (issue 4). Money in the order currency, rounded to its minor units; dates Unix ms.
  `
  CREATE TABLE order_facts (
    order_number INTEGER PRIMARY KEY,
    contact_key TEXT NOT NULL,
    order_date INTEGER NOT NULL,
    currency TEXT NOT NULL,
    net_value REAL NOT NULL,
    items INTEGER NOT NULL,
    full_price_items INTEGER NOT NULL,
    items_returned INTEGER NOT NULL,
    is_valid INTEGER NOT NULL CHECK (is_valid IN (0, 1))
  );
  CREATE INDEX order_facts_contact ON order_facts(contact_key, order_date);
  -- One row per consent change we decided; pushed_at stays NULL for a change superseded before Ometria got it.
  CREATE TABLE consent_audit (
    id INTEGER PRIMARY KEY,
    contact_key TEXT NOT NULL,
    centra_customer_id INTEGER,
    source TEXT NOT NULL,
    old_state TEXT CHECK (old_state IN ('in', 'out', 'unknown')),
    old_at INTEGER,
    new_state TEXT NOT NULL CHECK (new_state IN ('in', 'out', 'unknown')),
    new_at INTEGER,
    recorded_at INTEGER NOT NULL,
    pushed_at INTEGER
  );
  CREATE INDEX consent_audit_contact ON consent_audit(contact_key, id);
  `,
  // 3: storefront tracker events (issue 6). Event ids are the tracker's 32-hex ids; times Unix ms.
  `
  -- Who a visitor said they are (identify). Emails lower-cased; '' where only the other field is known.
  CREATE TABLE tracker_identities (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL DEFAULT '',
    customer_id TEXT NOT NULL DEFAULT '',
    UNIQUE (email, customer_id)
  );
  -- Only identified visitors get a row: an anonymous visitor is just a visitor_id on held events.
  CREATE TABLE tracker_visitors (
    visitor_id TEXT PRIMARY KEY,
    identity_id INTEGER NOT NULL REFERENCES tracker_identities(id),
    updated_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  -- Every accepted event, unique by id (dedupe). identity_id NULL + state pending = held (anonymous visitor).
  -- event is NULL for identify rows (the identity lives above) and once the row is no longer needed.
  CREATE TABLE tracker_events (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    visitor_id TEXT NOT NULL,
    identity_id INTEGER REFERENCES tracker_identities(id),
    store TEXT NOT NULL,
    type TEXT NOT NULL,
    event TEXT,
    received_at INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'dead', 'expired', 'dropped', 'applied')),
    settled_at INTEGER
  );
  CREATE INDEX tracker_events_visitor ON tracker_events(visitor_id, state, seq);
  CREATE INDEX tracker_events_state ON tracker_events(state, received_at);
  `,
  // 4 (issue 9): the calendar of sends towards each remote, shared by every replica (server/store/rate-slot-store.ts).
  `
  CREATE TABLE rate_limiters (
    name TEXT PRIMARY KEY,
    paused_until INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE rate_sends (
    limiter TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX rate_sends_limiter_at ON rate_sends(limiter, at);
  `,
  // 5 (issue 15): bounded storage. Indexes the retention prune and the status reads walk (never a full scan of a
  // large table), and row_counts: per-group row counts kept by triggers, so /status and /metrics never COUNT(*) a
  // large table. Triggers only append ±1 rows (no row is updated, so concurrent writers never wait on a counter);
  // compactRowCounts (server/store/row-count-store.ts) folds them on a timer. Seeded from what the tables hold.
  `
  CREATE INDEX delivery_events_delivery ON delivery_events(delivery_id);
  CREATE INDEX deliveries_received ON deliveries(received_at);
  CREATE INDEX jobs_updated ON jobs(updated_at);
  CREATE INDEX jobs_queued ON jobs(state, first_queued_at);
  CREATE INDEX jobs_finished ON jobs(state, finished_at);
  CREATE INDEX push_log_at ON push_log(at);
  CREATE INDEX dead_letters_updated ON dead_letters(updated_at);
  CREATE INDEX dead_letters_replayed ON dead_letters(state, replayed_at);
  CREATE INDEX alerts_last_seen ON alerts(last_seen);
  CREATE INDEX alerts_resolved ON alerts(state, resolved_at);
  CREATE INDEX findings_updated ON findings(updated_at);
  CREATE INDEX findings_resolved ON findings(state, resolved_at);
  CREATE INDEX tracker_events_identity ON tracker_events(identity_id);
  CREATE INDEX tracker_visitors_updated ON tracker_visitors(updated_at);
  CREATE INDEX tracker_visitors_identity ON tracker_visitors(identity_id);
  -- One row per change (n = +1 or -1) until compacted into one row per (tbl, k1, k2). k2 is '' where unused.
  CREATE TABLE row_counts (
    id INTEGER PRIMARY KEY,
    tbl TEXT NOT NULL,
    k1 TEXT NOT NULL,
    k2 TEXT NOT NULL,
    n INTEGER NOT NULL
  );
  INSERT INTO row_counts (tbl, k1, k2, n) SELECT 'jobs', kind, state, COUNT(*) FROM jobs GROUP BY kind, state;
  INSERT INTO row_counts (tbl, k1, k2, n) SELECT 'tracker_events', state, '', COUNT(*) FROM tracker_events GROUP BY state;
  INSERT INTO row_counts (tbl, k1, k2, n) SELECT 'deliveries', '', '', COUNT(*) FROM deliveries;
  CREATE TRIGGER jobs_count_insert AFTER INSERT ON jobs BEGIN
    INSERT INTO row_counts (tbl, k1, k2, n) VALUES ('jobs', NEW.kind, NEW.state, 1);
  END;
  CREATE TRIGGER jobs_count_update AFTER UPDATE OF state ON jobs WHEN OLD.state <> NEW.state BEGIN
    INSERT INTO row_counts (tbl, k1, k2, n) VALUES ('jobs', OLD.kind, OLD.state, -1), ('jobs', NEW.kind, NEW.state, 1);
  END;
  CREATE TRIGGER jobs_count_delete AFTER DELETE ON jobs BEGIN
    INSERT INTO row_counts (tbl, k1, k2, n) VALUES ('jobs', OLD.kind, OLD.state, -1);
  END;
  CREATE TRIGGER tracker_events_count_insert AFTER INSERT ON tracker_events BEGIN
    INSERT INTO row_counts (tbl, k1, k2, n) VALUES ('tracker_events', NEW.state, '', 1);
  END;
  CREATE TRIGGER tracker_events_count_update AFTER UPDATE OF state ON tracker_events WHEN OLD.state <> NEW.state BEGIN
    INSERT INTO row_counts (tbl, k1, k2, n) VALUES ('tracker_events', OLD.state, '', -1), ('tracker_events', NEW.state, '', 1);
  END;
  CREATE TRIGGER tracker_events_count_delete AFTER DELETE ON tracker_events BEGIN
    INSERT INTO row_counts (tbl, k1, k2, n) VALUES ('tracker_events', OLD.state, '', -1);
  END;
  CREATE TRIGGER deliveries_count_insert AFTER INSERT ON deliveries BEGIN
    INSERT INTO row_counts (tbl, k1, k2, n) VALUES ('deliveries', '', '', 1);
  END;
  CREATE TRIGGER deliveries_count_delete AFTER DELETE ON deliveries BEGIN
    INSERT INTO row_counts (tbl, k1, k2, n) VALUES ('deliveries', '', '', -1);
  END;
  `,
  // 6 (issue 15): signatures already accepted, so a replayed delivery (same t, v1 and body) is acknowledged again
  // without being stored twice. Rows older than the signature tolerance are deleted as new ones arrive: past it,
  // the timestamp check refuses the replay anyway. No foreign key: deliveries have their own retention.
  `
  CREATE TABLE webhook_signatures (
    signature TEXT PRIMARY KEY,
    signature_t INTEGER NOT NULL,
    delivery_id INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX webhook_signatures_t ON webhook_signatures(signature_t);
  `,
  // 7 (issue 17): Centra's limits are token buckets refilled at a constant rate (docs/design.md C5), booked as one
  // due time per bucket (server/store/rate-slot-store.ts) instead of on the sliding calendar of rate_sends.
  `
  CREATE TABLE rate_buckets (
    limiter TEXT NOT NULL,
    window_ms INTEGER NOT NULL,
    tat INTEGER NOT NULL,
    PRIMARY KEY (limiter, window_ms)
  ) WITHOUT ROWID;
  DELETE FROM rate_sends WHERE limiter = 'centra';
  `,
];
