import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from '../server/store/open-database.js';
import { createSqliteSql } from '../server/store/sql/sqlite-sql.js';
import { createStore } from '../server/store/store.js';
import { compactRowCounts } from '../server/retention/run-retention.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface SeedSizes {
  /** Rows in each large table: deliveries, jobs, push_log, tracker_events, ledger. */
  large: number;
  /** Rows in each smaller one: dead_letters, alerts, findings (settled, with a few open). */
  small: number;
}

/**
 * A SQLite store under `dataDir` as a busy shop's would look within its retention windows: `large` rows in each
 * large table, mostly settled, spread over the window each is kept for, with a live backlog and open items on top.
 * One transaction and prepared statements; the triggers keep row_counts as the service would, and
 * their deltas are folded once at the end, as the scheduler does every 30 s. Returns seconds taken.
 */
export async function seedLargeStore(dataDir: string, sizes: SeedSizes, now: number): Promise<number> {
  const started = Date.now();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // A throwaway file: no journal, no fsync, a cache as large as the transaction, so ~1 GB is written once. The
  // service opens it later in WAL mode (and makes it 0600) as it would any store.
  const db = new Database(join(dataDir, 'centra-ometria.sqlite'));
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1500000');
  migrate(db);
  try {
    const at = (i: number, n: number, windowMs: number) => now - windowMs + Math.floor((i / n) * windowMs);
    const delivery = db.prepare(`INSERT INTO deliveries (received_at, signature_t, shape, raw_body, event_count, summary) VALUES (?, ?, 'batch', ?, 1, ?)`);
    const job = db.prepare(
      `INSERT INTO jobs (kind, entity_key, state, attempts, run_at, first_queued_at, created_at, updated_at, finished_at) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?)`,
    );
    const push = db.prepare(
      `INSERT INTO push_log (at, record_type, records, status, request_id, accepted, rejected, error) VALUES (?, 'order', 90, ?, ?, 90, 0, NULL)`,
    );
    const event = db.prepare(
      `INSERT INTO tracker_events (id, visitor_id, identity_id, store, type, event, received_at, state, settled_at) VALUES (?, ?, NULL, 'example.com', 'page_view', NULL, ?, ?, ?)`,
    );
    const ledger = db.prepare(`INSERT INTO ledger (record_type, record_id, hash, pushed_at) VALUES ('order', ?, 'h', ?)`);
    const letter = db.prepare(
      `INSERT INTO dead_letters (created_at, updated_at, job_kind, entity_key, reason, state, replayed_at) VALUES (?, ?, 'order', ?, 'refused', ?, ?)`,
    );
    const alert = db.prepare(
      `INSERT INTO alerts (fingerprint, kind, entity, team, message, state, first_seen, last_seen, resolved_at) VALUES (?, 'sla_breach', ?, 'operations', 'late', ?, ?, ?, ?)`,
    );
    const finding = db.prepare(
      `INSERT INTO findings (kind, entity, team, detail, state, repair, found_at, updated_at, resolved_at) VALUES ('missing', ?, 'ecommerce', 'missing in Ometria', ?, 'auto', ?, ?, ?)`,
    );
    const body = Buffer.from(`payload=${encodeURIComponent(JSON.stringify({ events: [{ type: 'order', action: 'update', id: 1 }] }))}`.padEnd(300, ' '));
    const kinds = ['order', 'order', 'order', 'collect', 'customer', 'shipment', 'product'];
    const n = sizes.large;
    db.transaction(() => {
      for (let i = 0; i < n; i++) {
        const t = at(i, n, 7 * DAY);
        delivery.run(t, Math.floor(t / 1000), body, `order ${i} queued`);
        // The newest 1,000 jobs are the live backlog; one in 2,000 gave up.
        const state = i >= n - 1_000 ? 'pending' : i % 2_000 === 0 ? 'dead' : 'done';
        job.run(kinds[i % kinds.length], `k${i}`, state, t, t - 5_000, t - 5_000, t, state === 'pending' ? null : t);
        push.run(at(i, n, 30 * DAY), i % 500 === 0 ? 500 : 202, `r${i}`);
        const e = at(i, n, 7 * DAY);
        const pending = i >= n - 5_000;
        event.run(i.toString(16).padStart(32, '0'), `v${i % 100_000}`, e, pending ? 'pending' : 'sent', pending ? null : e);
        ledger.run(String(i), at(i, n, 90 * DAY));
      }
      for (let i = 0; i < sizes.small; i++) {
        const t = at(i, sizes.small, 90 * DAY);
        const open = i >= sizes.small - 20;
        letter.run(t, t, `e${i}`, open ? 'open' : 'replayed', open ? null : t);
        alert.run(`a${i}`, `order ${i}`, open ? 'open' : 'resolved', t, t, open ? null : t);
        finding.run(`order ${i}`, open ? 'open' : 'resolved', t, t, open ? null : t);
      }
    })();
    const store = createStore(createSqliteSql(db));
    await compactRowCounts({ store, now: Date.now, budgetMs: 600_000 });
  } finally {
    db.close();
  }
  return (Date.now() - started) / 1000;
}
